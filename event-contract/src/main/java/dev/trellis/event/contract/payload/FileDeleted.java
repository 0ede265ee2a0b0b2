package dev.trellis.event.contract.payload;

/** {@code file.deleted}: the file was deleted, or its owner was. */
public record FileDeleted(int schemaVersion, String id, String ownerId, boolean deleted, long version) implements EventPayload {
}
