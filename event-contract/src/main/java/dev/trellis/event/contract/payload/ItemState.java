package dev.trellis.event.contract.payload;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;

/**
 * {@code item.created}, {@code item.updated}, {@code item.status_changed}, {@code item.tags_changed},
 * {@code item.snapshot}. {@code fileIds} are the files attached when the item last changed (a snapshot:
 * attached now); attaching a file writes only {@code file.updated}, so the files' own events are the
 * authority on which item a file belongs to.
 */
public record ItemState(int schemaVersion, String id, String ownerId, String title, @Nullable String description, @Nullable String content,
                        Status status, @Nullable String imageUrl, List<String> tagIds, List<String> fileIds, Instant createdAt,
                        Instant updatedAt, long version) implements EventPayload {

    public ItemState {
        tagIds = List.copyOf(tagIds);
        fileIds = List.copyOf(fileIds);
    }

    public enum Status {
        DRAFT, PUBLISHED, ARCHIVED;

        @JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
