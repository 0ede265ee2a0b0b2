package dev.trellis.event.consumer;

import dev.trellis.event.contract.AggregateType;

import java.util.Objects;

/** One aggregate across topics: ids are unique within a type, and never reused. */
public record AggregateKey(AggregateType type, String id) {

    public AggregateKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return type.code() + ":" + id;
    }
}
