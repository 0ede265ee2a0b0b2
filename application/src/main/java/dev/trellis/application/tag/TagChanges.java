package dev.trellis.application.tag;

import dev.trellis.application.Forbidden;
import dev.trellis.application.RequestContext;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagRepository;

/** What the tag use cases share: finding a tag the caller created, and a tag at the version stored. */
final class TagChanges {

    private TagChanges() {
    }

    /** A missing tag is 404; another user's tag is there for all to see, so changing it is forbidden, not missing. */
    static Tag createdByCaller(TagRepository tags, RequestContext caller, TagId id) {
        Tag tag = tags.findById(id).orElseThrow(() -> new NotFound("tag", id));
        if (!tag.isCreatedBy(caller.user())) {
            throw new Forbidden("tag.not_creator", "only the creator of tag " + id + " may change or delete it");
        }
        return tag;
    }

    static Tag withVersion(Tag tag, long version) {
        return new Tag(tag.id(), tag.name(), tag.color(), tag.createdBy(), tag.createdAt(), version);
    }
}
