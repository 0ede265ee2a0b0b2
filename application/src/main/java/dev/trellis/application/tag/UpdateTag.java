package dev.trellis.application.tag;

import dev.trellis.application.PreconditionFailed;
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
import java.util.List;
import java.util.Optional;

/**
 * Renames or recolours a tag the caller created, at the version {@code ifMatch} names (when given),
 * with {@code tag.updated}; only a tag's creator may.
 */
public class UpdateTag {

    /** An empty Optional leaves the field as it is. */
    public record Command(TagId tag, Long ifMatch, Optional<String> name, Optional<String> color) {
    }

    private final TagRepository tags;
    private final EventOutbox outbox;
    private final Clock clock;

    public UpdateTag(TagRepository tags, EventOutbox outbox, Clock clock) {
        this.tags = tags;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Tag handle(RequestContext caller, Command command) {
        Tag tag = TagChanges.createdByCaller(tags, caller, command.tag());
        PreconditionFailed.check("tag", command.tag(), command.ifMatch(), tag.version());
        Tag changed = tag;
        if (command.name().isPresent()) {
            changed = changed.rename(new TagName(command.name().get()));
        }
        if (command.color().isPresent()) {
            changed = changed.recolor(new TagColor(command.color().get()));
        }
        Tag stored = TagChanges.withVersion(changed, tags.update(changed));
        outbox.append(List.of(Events.tag(EventType.TAG_UPDATED, stored, clock.instant(), caller.traceParent())));
        return stored;
    }
}
