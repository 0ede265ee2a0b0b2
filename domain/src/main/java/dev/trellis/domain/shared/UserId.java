package dev.trellis.domain.shared;

/** {@code usr_} + 12 when Trellis makes it; any Better Auth-made id is read as well. */
public record UserId(String value) {

    public static final String PREFIX = "usr_";
    public static final int RANDOM_LENGTH = 12;

    public UserId {
        Ids.requireAuthId(value, "userId");
    }

    public static UserId generate() {
        return new UserId(PREFIX + Ids.nanoid(RANDOM_LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
