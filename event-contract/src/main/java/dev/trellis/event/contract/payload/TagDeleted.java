package dev.trellis.event.contract.payload;

/** {@code tag.deleted}: drop its links to items; no {@code item.*} event follows. */
public record TagDeleted(int schemaVersion, String id, String name, boolean deleted, long version) implements EventPayload {
}
