package dev.trellis.application.auth.email;

import java.time.Duration;
import java.util.Objects;

/**
 * The stateless tokens of Better Auth's email verification and email change links: a JWT (HS256)
 * signed with the shared secret ({@code BETTER_AUTH_SECRET}), so that a link made by either server
 * verifies on the other. Nothing is stored: a token is valid until it expires.
 */
public interface EmailVerificationTokens {

    /**
     * What a token says. {@code email} is the address being verified (for a change: the current one);
     * {@code updateTo} the new address of an email change; {@code requestType}
     * {@code change-email-verification} or {@code change-email-confirmation}; {@code userId} the user
     * it was issued to. All but {@code email} may be null.
     */
    record Claims(String email, String updateTo, String requestType, String userId) {
        public Claims {
            Objects.requireNonNull(email, "email");
        }
    }

    /** The result of reading a token. */
    sealed interface Reading permits Valid, Expired, Invalid {
    }

    record Valid(Claims claims) implements Reading {
    }

    /** Correctly signed, but past its expiry. */
    record Expired() implements Reading {
    }

    /** Malformed, forged, or signed with another secret. */
    record Invalid() implements Reading {
    }

    String issue(Claims claims, Duration lifetime);

    Reading read(String token);
}
