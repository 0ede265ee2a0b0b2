package dev.trellis.bootstrap.wiring.tag;

import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.tag.CreateTag;
import dev.trellis.application.tag.DeleteTag;
import dev.trellis.application.tag.ListTags;
import dev.trellis.application.tag.UpdateTag;
import dev.trellis.application.tag.ViewTag;
import dev.trellis.domain.tag.TagRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The tag use cases behind {@code /api/tags}. */
@Configuration(proxyBeanMethods = false)
public class TagsConfiguration {

    @Bean
    ListTags listTags(TagRepository tags) {
        return new ListTags(tags);
    }

    @Bean
    ViewTag viewTag(TagRepository tags) {
        return new ViewTag(tags);
    }

    @Bean
    CreateTag createTag(TagRepository tags, EventOutbox outbox, Clock clock) {
        return new CreateTag(tags, outbox, clock);
    }

    @Bean
    UpdateTag updateTag(TagRepository tags, EventOutbox outbox, Clock clock) {
        return new UpdateTag(tags, outbox, clock);
    }

    @Bean
    DeleteTag deleteTag(TagRepository tags, EventOutbox outbox, Clock clock) {
        return new DeleteTag(tags, outbox, clock);
    }
}
