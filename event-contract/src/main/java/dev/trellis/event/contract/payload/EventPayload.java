package dev.trellis.event.contract.payload;

/**
 * A payload as Kafka carries it, one record per shape: the {@code *State} records are the full state
 * after a change (created, updated, status and tags changed, snapshot), the {@code *Deleted} records
 * what a deletion names. Each mirrors its JSON Schema exactly (a test holds them together): every
 * property is always present, and a value that is not there is {@code null}, never an absent property.
 */
public sealed interface EventPayload
        permits UserState, UserDeleted, ItemState, ItemDeleted, TagState, TagDeleted, FileState, FileDeleted {

    /** The payload's shape. */
    int schemaVersion();

    /** The aggregate's id, also the record's key. */
    String id();

    /** The aggregate's event version: 1 for its first event, then +1 per event. */
    long version();
}
