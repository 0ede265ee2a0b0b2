package dev.trellis.application.testing;

import dev.trellis.application.auth.social.SocialProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * An OAuth provider in memory that keeps the protocol's promises: it remembers each authorization
 * request by its state; {@link #consent} stands for the user agreeing at the provider and yields a
 * one-time code; {@link #exchange} redeems that code only with the PKCE verifier and nonce of the
 * request it was issued for. Id tokens the client got itself are made with {@link #idToken}.
 */
public final class FakeSocialProvider implements SocialProvider {

    private record Grant(String state, ProviderUser user) {
    }

    private record IdTokenGrant(String nonce, ProviderUser user) {
    }

    private final String id;
    private final boolean openIdConnect;
    private final Map<String, AuthorizationRequest> requests = new HashMap<>();
    private final Map<String, Grant> codes = new HashMap<>();
    private final Map<String, IdTokenGrant> idTokens = new HashMap<>();
    private int next;

    /** {@code openIdConnect}: binds a nonce to the authorization request and verifies id tokens. */
    public FakeSocialProvider(String id, boolean openIdConnect) {
        this.id = id;
        this.openIdConnect = openIdConnect;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean bindsIdTokenNonce() {
        return openIdConnect;
    }

    @Override
    public boolean verifiesIdTokens() {
        return openIdConnect;
    }

    @Override
    public String authorizationUrl(AuthorizationRequest request) {
        requests.put(request.state(), request);
        return "https://" + id + ".example/authorize?state=" + request.state()
                + (request.nonce() == null ? "" : "&nonce=" + request.nonce())
                + (request.scopes().isEmpty() ? "" : "&scope=" + String.join("+", request.scopes()));
    }

    /** The authorization request that carried this state, or null. */
    public AuthorizationRequest request(String state) {
        return requests.get(state);
    }

    /** The user agrees at the provider to the request with this state: the code the callback will carry. */
    public String consent(String state, ProviderUser user) {
        if (!requests.containsKey(state)) {
            throw new IllegalStateException("no authorization request with state " + state);
        }
        String code = id + "-code-" + (++next);
        codes.put(code, new Grant(state, user));
        return code;
    }

    @Override
    public ProviderUser exchange(CodeExchange exchange) {
        Grant grant = codes.remove(exchange.code());
        if (grant == null) {
            throw new Refused("invalid_code", "unknown or used code", null);
        }
        AuthorizationRequest request = requests.get(grant.state());
        if (!request.codeVerifier().equals(exchange.codeVerifier())) {
            throw new Refused("invalid_code", "PKCE verifier does not match", null);
        }
        if (request.nonce() != null && !request.nonce().equals(exchange.expectedNonce())) {
            throw new Refused("invalid_code", "nonce does not match", null);
        }
        return grant.user();
    }

    /** An id token the provider gave the client itself; {@code nonce} may be null. */
    public String idToken(ProviderUser user, String nonce) {
        String token = id + "-id-token-" + (++next);
        idTokens.put(token, new IdTokenGrant(nonce, user));
        return token;
    }

    @Override
    public ProviderUser verifyIdToken(IdToken idToken) {
        IdTokenGrant grant = idTokens.get(idToken.token());
        if (grant == null) {
            throw new Refused("invalid_token", "not signed by " + id, null);
        }
        if (idToken.nonce() != null && !idToken.nonce().equals(grant.nonce())) {
            throw new Refused("invalid_token", "nonce does not match", null);
        }
        return grant.user();
    }
}
