package dev.trellis.bootstrap.wiring.rest;

import dev.trellis.application.item.ItemUseCases;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.tag.TagUseCases;
import dev.trellis.application.user.ProfileUseCases;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The use cases behind the REST API: items, tags, the signed-in user's profile and settings. */
@Configuration(proxyBeanMethods = false)
public class RestConfiguration {

    @Bean
    ItemUseCases itemUseCases(ItemRepository items, TagRepository tags, FileRepository files, EventOutbox outbox, Clock clock) {
        return new ItemUseCases(items, tags, files, outbox, clock);
    }

    @Bean
    TagUseCases tagUseCases(TagRepository tags, EventOutbox outbox, Clock clock) {
        return new TagUseCases(tags, outbox, clock);
    }

    @Bean
    ProfileUseCases profileUseCases(UserRepository users, EventOutbox outbox, Clock clock) {
        return new ProfileUseCases(users, outbox, clock);
    }
}
