package dev.trellis.event.contract.payload;

import java.time.Instant;

/** {@code file.created}, {@code file.updated}, {@code file.snapshot}; {@code itemId} is null when it is attached to no item. */
public record FileState(int schemaVersion, String id, String ownerId, @Nullable String itemId, String filename,
                        @Nullable String url, long size, String mimeType, Instant createdAt, long version) implements EventPayload {
}
