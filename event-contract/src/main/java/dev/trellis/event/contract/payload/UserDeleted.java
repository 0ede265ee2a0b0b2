package dev.trellis.event.contract.payload;

/** {@code user.deleted}: their items and files follow as their own deletions, the tags they created as {@code tag.updated}. */
public record UserDeleted(int schemaVersion, String id, boolean deleted, long version) implements EventPayload {
}
