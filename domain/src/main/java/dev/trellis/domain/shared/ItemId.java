package dev.trellis.domain.shared;

/** {@code itm_} + 12 symbols of nanoid's alphabet. */
public record ItemId(String value) {

    public static final String PREFIX = "itm_";
    public static final int RANDOM_LENGTH = 12;

    public ItemId {
        Ids.requirePrefixed(value, PREFIX, RANDOM_LENGTH, "itemId");
    }

    public static ItemId generate() {
        return new ItemId(PREFIX + Ids.nanoid(RANDOM_LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
