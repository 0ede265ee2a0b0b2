package dev.trellis.event.contract.payload;

/** {@code item.deleted}: the item was deleted, or its owner was. */
public record ItemDeleted(int schemaVersion, String id, String ownerId, boolean deleted, long version) implements EventPayload {
}
