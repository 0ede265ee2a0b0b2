package dev.trellis.application.auth.social;

import java.time.Instant;
import java.util.List;

/**
 * One OAuth 2.0 / OpenID Connect provider: the authorization URL of a code flow with PKCE (S256),
 * and "exchange the code and tell me who this is". The redirect URI is the provider's own
 * {@code <base URL>/api/auth/callback/<id>}, as Better Auth's.
 */
public interface SocialProvider {

    String id();

    /** OpenID Connect: the authorization request carries a nonce that the id token must echo. */
    boolean bindsIdTokenNonce();

    /** Whether an id token obtained by the client itself can be verified (OpenID Connect providers). */
    boolean verifiesIdTokens();

    /** The provider's authorization endpoint with this request's parameters. */
    String authorizationUrl(AuthorizationRequest request);

    /**
     * Redeems the authorization code (with the PKCE verifier) at the token endpoint and reads the
     * provider's user from the verified id token and/or the user-info endpoint.
     *
     * @throws Refused with Better Auth's callback error code
     */
    ProviderUser exchange(CodeExchange exchange);

    /**
     * Verifies an id token the client obtained itself (signature, issuer, audience, expiry, and the
     * nonce when given) and reads the user from it.
     *
     * @throws Refused when the token is not valid
     */
    ProviderUser verifyIdToken(IdToken idToken);

    /** {@code scopes} are asked for in addition to the configured ones; {@code nonce} and {@code loginHint} may be null. */
    record AuthorizationRequest(String state, String codeVerifier, String nonce, List<String> scopes, String loginHint) {
        public AuthorizationRequest {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /** {@code expectedNonce} null: no nonce was sent. {@code issuer}: the callback's RFC 9207 {@code iss}, if any. */
    record CodeExchange(String code, String codeVerifier, String state, String expectedNonce, String issuer) {
    }

    record IdToken(String token, String nonce, String accessToken, String refreshToken) {
    }

    /** What Better Auth stores of a provider response: the tokens and the granted scopes. */
    record Tokens(String accessToken, String refreshToken, String idToken, Instant accessTokenExpiresAt,
                  Instant refreshTokenExpiresAt, List<String> scopes) {
        public Tokens {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Tokens[***, scopes " + scopes + "]";
        }
    }

    /** The provider's user: {@code accountId} is its stable id (the OpenID Connect {@code sub}, GitHub's numeric id). */
    record ProviderUser(String accountId, String email, boolean emailVerified, String name, String image, Tokens tokens) {
    }

    /** The provider said no, or said something that cannot be trusted; {@code error} is Better Auth's code for it. */
    final class Refused extends RuntimeException {
        private final String error;

        public Refused(String error, String detail, Throwable cause) {
            super(error + ": " + detail, cause);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }
}
