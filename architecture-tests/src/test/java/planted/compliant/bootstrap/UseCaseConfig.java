package planted.compliant.bootstrap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import planted.compliant.application.item.CreateItem;
import planted.compliant.application.event.EventOutbox;
import planted.compliant.domain.item.ItemRepository;

@Configuration(proxyBeanMethods = false)
class UseCaseConfig {
    @Bean
    CreateItem createItem(ItemRepository items, EventOutbox outbox) {
        return new CreateItem(items, outbox);
    }
}
