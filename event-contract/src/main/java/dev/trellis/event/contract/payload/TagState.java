package dev.trellis.event.contract.payload;

import java.time.Instant;

/** {@code tag.created}, {@code tag.updated}, {@code tag.snapshot}; {@code createdBy} is null once its creator is deleted. */
public record TagState(int schemaVersion, String id, String name, String color, @Nullable String createdBy, Instant createdAt,
                       long version) implements EventPayload {
}
