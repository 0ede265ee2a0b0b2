package dev.trellis.domain.shared;

/** {@code fil_} + 12 symbols of nanoid's alphabet. */
public record FileId(String value) {

    public static final String PREFIX = "fil_";
    public static final int RANDOM_LENGTH = 12;

    public FileId {
        Ids.requirePrefixed(value, PREFIX, RANDOM_LENGTH, "fileId");
    }

    public static FileId generate() {
        return new FileId(PREFIX + Ids.nanoid(RANDOM_LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
