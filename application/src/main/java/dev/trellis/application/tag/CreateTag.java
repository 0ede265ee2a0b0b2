package dev.trellis.application.tag;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A new tag in the shared vocabulary, created by the caller, with {@code tag.created}. A taken name is
 * a conflict, also when two requests race: the unique index decides. No colour means the default one.
 */
public class CreateTag {

    public record Command(String name, String color) {
    }

    private final TagRepository tags;
    private final EventOutbox outbox;
    private final Clock clock;

    public CreateTag(TagRepository tags, EventOutbox outbox, Clock clock) {
        this.tags = tags;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Tag handle(RequestContext caller, Command command) {
        Instant now = clock.instant();
        Tag tag = Tag.create(TagId.generate(), new TagName(command.name()),
                command.color() == null ? TagColor.DEFAULT : new TagColor(command.color()), caller.user(), now);
        Tag stored = TagChanges.withVersion(tag, tags.add(tag));
        outbox.append(List.of(Events.tag(EventType.TAG_CREATED, stored, now, caller.traceParent())));
        return stored;
    }
}
