package dev.trellis.bootstrap.wiring.item;

import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.item.AttachTagToItem;
import dev.trellis.application.item.CreateItem;
import dev.trellis.application.item.DeleteItem;
import dev.trellis.application.item.DetachTagFromItem;
import dev.trellis.application.item.ListItems;
import dev.trellis.application.item.UpdateItem;
import dev.trellis.application.item.ViewItem;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.tag.TagRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The item use cases behind {@code /api/items}. */
@Configuration(proxyBeanMethods = false)
public class ItemsConfiguration {

    @Bean
    CreateItem createItem(ItemRepository items, TagRepository tags, EventOutbox outbox, Clock clock) {
        return new CreateItem(items, tags, outbox, clock);
    }

    @Bean
    ListItems listItems(ItemRepository items) {
        return new ListItems(items);
    }

    @Bean
    ViewItem viewItem(ItemRepository items) {
        return new ViewItem(items);
    }

    @Bean
    UpdateItem updateItem(ItemRepository items, EventOutbox outbox, Clock clock) {
        return new UpdateItem(items, outbox, clock);
    }

    @Bean
    DeleteItem deleteItem(ItemRepository items, EventOutbox outbox, Clock clock) {
        return new DeleteItem(items, outbox, clock);
    }

    @Bean
    AttachTagToItem attachTagToItem(ItemRepository items, TagRepository tags, EventOutbox outbox, Clock clock) {
        return new AttachTagToItem(items, tags, outbox, clock);
    }

    @Bean
    DetachTagFromItem detachTagFromItem(ItemRepository items, EventOutbox outbox, Clock clock) {
        return new DetachTagFromItem(items, outbox, clock);
    }
}
