package dev.trellis.domain.auth;

import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.shared.InvalidInput;

import java.util.regex.Pattern;

/**
 * The secret that identifies a session, stored in {@code session.token} and carried (signed) in the
 * cookie or bearer header. Trellis makes 32 symbols of nanoid's alphabet; Better Auth makes 32
 * alphanumerics. Never logged.
 */
public record SessionToken(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,255}");

    public SessionToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput("token", "token.malformed", "is not a session token");
        }
    }

    public static SessionToken generate() {
        return new SessionToken(Ids.token());
    }

    @Override
    public String toString() {
        return "SessionToken[***]";
    }
}
