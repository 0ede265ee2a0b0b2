package dev.trellis.domain.shared;

/** {@code obx_} + 12 symbols of nanoid's alphabet: the id of one event in the outbox. */
public record OutboxEventId(String value) {

    public static final String PREFIX = "obx_";
    public static final int RANDOM_LENGTH = 12;

    public OutboxEventId {
        Ids.requirePrefixed(value, PREFIX, RANDOM_LENGTH, "eventId");
    }

    public static OutboxEventId generate() {
        return new OutboxEventId(PREFIX + Ids.nanoid(RANDOM_LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
