package dev.trellis.domain.tag;

import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A tag of the shared vocabulary. {@code createdBy} is the user who may rename, recolour or delete
 * it; it is empty for tags made outside Trellis's use cases or whose creator was deleted.
 */
public record Tag(TagId id, TagName name, TagColor color, UserId createdBy, Instant createdAt, long version) {

    public Tag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        color = color == null ? TagColor.DEFAULT : color;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Tag create(TagId id, TagName name, TagColor color, UserId createdBy, Instant now) {
        return new Tag(id, name, color, createdBy, now.truncatedTo(ChronoUnit.MICROS), 0);
    }

    public Tag rename(TagName newName) {
        return new Tag(id, newName, color, createdBy, createdAt, version);
    }

    public Tag recolor(TagColor newColor) {
        return new Tag(id, name, newColor, createdBy, createdAt, version);
    }

    public boolean isCreatedBy(UserId user) {
        return user.equals(createdBy);
    }
}
