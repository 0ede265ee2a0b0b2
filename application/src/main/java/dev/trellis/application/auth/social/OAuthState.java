package dev.trellis.application.auth.social;

import dev.trellis.domain.auth.SessionToken;

import java.time.Instant;
import java.util.Objects;

/**
 * What Better Auth remembers of a social sign-in between the redirect to the provider and the
 * callback, kept in a {@code verification} row {@code auth-state:<state>}: where to send the
 * browser afterwards, the PKCE code verifier, the OpenID Connect nonce, and for account linking
 * the signed-in user (and the session that asked). {@code state} is the random value sent to the
 * provider ({@code oauthState} in Better Auth's JSON).
 */
public record OAuthState(String callbackURL, String codeVerifier, String errorURL, String newUserURL, Link link,
                         Instant expiresAt, Boolean requestSignUp, String idTokenNonce, String state) {

    public OAuthState {
        Objects.requireNonNull(callbackURL, "callbackURL");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Account linking: the provider account goes to this user; {@code session} (may be null) must still be live. */
    public record Link(String email, String userId, SessionToken session) {
        public Link {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** The code verifier and nonce are secrets: never logged. */
    @Override
    public String toString() {
        return "OAuthState[" + callbackURL + (link == null ? "" : ", link to " + link.userId()) + ", expires " + expiresAt + "]";
    }
}
