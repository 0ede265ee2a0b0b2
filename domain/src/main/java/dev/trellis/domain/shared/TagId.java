package dev.trellis.domain.shared;

/** {@code tag_} + 8 symbols of nanoid's alphabet. */
public record TagId(String value) {

    public static final String PREFIX = "tag_";
    public static final int RANDOM_LENGTH = 8;

    public TagId {
        Ids.requirePrefixed(value, PREFIX, RANDOM_LENGTH, "tagId");
    }

    public static TagId generate() {
        return new TagId(PREFIX + Ids.nanoid(RANDOM_LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
