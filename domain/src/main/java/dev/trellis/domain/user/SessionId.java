package dev.trellis.domain.user;

import dev.trellis.domain.shared.Ids;

/** {@code ses_} + 24 when Trellis makes it; any Better Auth-made id is read as well. */
public record SessionId(String value) {

    public static final String PREFIX = "ses_";
    public static final int RANDOM_LENGTH = 24;

    public SessionId {
        Ids.requireAuthId(value, "sessionId");
    }

    public static SessionId generate() {
        return new SessionId(PREFIX + Ids.nanoid(RANDOM_LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
