package dev.trellis.application.tag;

import dev.trellis.application.ConflictingState;
import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Deletes a tag the caller created, at the version {@code ifMatch} names (when given); a tag that
 * other users' items carry cannot be deleted. One {@code tag.deleted}: consumers drop the tag's links
 * themselves (no event per item).
 */
public class DeleteTag {

    public record Command(TagId tag, Long ifMatch) {
    }

    private final TagRepository tags;
    private final EventOutbox outbox;
    private final Clock clock;

    public DeleteTag(TagRepository tags, EventOutbox outbox, Clock clock) {
        this.tags = tags;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void handle(RequestContext caller, Command command) {
        TagId id = command.tag();
        Tag tag = TagChanges.createdByCaller(tags, caller, id);
        PreconditionFailed.check("tag", id, command.ifMatch(), tag.version());
        if (tags.isUsedByOthersThan(id, caller.user())) {
            throw new ConflictingState("tag.in_use", "tag " + id + " is used by other users' items");
        }
        tags.remove(id);
        outbox.append(List.of(Events.tagDeleted(tag, clock.instant(), caller.traceParent())));
    }
}
