package dev.trellis.application.tag;

import dev.trellis.application.ConflictingState;
import dev.trellis.application.Forbidden;
import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.event.Events;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.tag.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tags are one shared vocabulary: every signed-in user lists and creates them (a taken name is a
 * conflict, also when two requests race: the unique index decides); only a tag's creator renames,
 * recolours or deletes it, and a tag that other users' items carry cannot be deleted.
 */
public class TagUseCases {

    private final TagRepository tags;
    private final EventOutbox outbox;
    private final Clock clock;

    public TagUseCases(TagRepository tags, EventOutbox outbox, Clock clock) {
        this.tags = tags;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Tag> list() {
        return tags.findAll();
    }

    @Transactional(readOnly = true)
    public Tag view(TagId id) {
        return tags.findById(id).orElseThrow(() -> new NotFound("tag", id));
    }

    @Transactional
    public Tag create(RequestContext caller, String name, String color) {
        Instant now = clock.instant();
        Tag tag = Tag.create(TagId.generate(), new TagName(name), color == null ? TagColor.DEFAULT : new TagColor(color),
                caller.user(), now);
        long version = tags.add(tag);
        Tag stored = new Tag(tag.id(), tag.name(), tag.color(), tag.createdBy(), tag.createdAt(), version);
        outbox.append(List.of(Events.tag(EventType.TAG_CREATED, stored, now, caller.traceParent())));
        return stored;
    }

    @Transactional
    public Tag update(RequestContext caller, TagId id, Long ifMatch, Optional<String> name, Optional<String> color) {
        Tag tag = createdByCaller(caller, id);
        PreconditionFailed.check("tag", id, ifMatch, tag.version());
        Tag changed = tag;
        if (name.isPresent()) {
            changed = changed.rename(new TagName(name.get()));
        }
        if (color.isPresent()) {
            changed = changed.recolor(new TagColor(color.get()));
        }
        long version = tags.update(changed);
        Tag stored = new Tag(changed.id(), changed.name(), changed.color(), changed.createdBy(), changed.createdAt(), version);
        outbox.append(List.of(Events.tag(EventType.TAG_UPDATED, stored, clock.instant(), caller.traceParent())));
        return stored;
    }

    /** One {@code tag.deleted}; consumers drop the tag's links themselves (no event per item). */
    @Transactional
    public void delete(RequestContext caller, TagId id, Long ifMatch) {
        Tag tag = createdByCaller(caller, id);
        PreconditionFailed.check("tag", id, ifMatch, tag.version());
        if (tags.isUsedByOthersThan(id, caller.user())) {
            throw new ConflictingState("tag.in_use", "tag " + id + " is used by other users' items");
        }
        tags.remove(id);
        outbox.append(List.of(Events.tagDeleted(tag, clock.instant(), caller.traceParent())));
    }

    private Tag createdByCaller(RequestContext caller, TagId id) {
        Tag tag = tags.findById(id).orElseThrow(() -> new NotFound("tag", id));
        if (!tag.isCreatedBy(caller.user())) {
            throw new Forbidden("tag.not_creator", "only the creator of tag " + id + " may change or delete it");
        }
        return tag;
    }
}
