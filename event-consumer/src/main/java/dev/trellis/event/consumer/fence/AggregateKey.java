package dev.trellis.event.consumer.fence;

import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.TrellisEvent;

import java.util.Objects;

/** One aggregate across topics: ids are unique within a type, and never reused. */
public record AggregateKey(AggregateType type, String id) {

    public AggregateKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** The aggregate an event is about: its type's aggregate and its subject. */
    public static AggregateKey of(TrellisEvent event) {
        return new AggregateKey(event.aggregate(), event.subject());
    }

    @Override
    public String toString() {
        return type.code() + ":" + id;
    }
}
