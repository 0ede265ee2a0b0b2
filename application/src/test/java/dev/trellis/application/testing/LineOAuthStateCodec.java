package dev.trellis.application.testing;

import dev.trellis.application.auth.social.OAuthState;
import dev.trellis.application.auth.social.OAuthStateCodec;
import dev.trellis.domain.auth.SessionToken;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link OAuthStateCodec} in a plain format of its own ({@code name=base64(value)} lines, absent
 * values left out) instead of Better Auth's JSON: every field survives the round trip, and a value
 * that is not such a state is refused with {@link IllegalArgumentException}, as the port demands.
 */
public final class LineOAuthStateCodec implements OAuthStateCodec {

    @Override
    public String write(OAuthState state) {
        StringBuilder out = new StringBuilder("oauth-state\n");
        line(out, "callbackURL", state.callbackURL());
        line(out, "codeVerifier", state.codeVerifier());
        line(out, "errorURL", state.errorURL());
        line(out, "newUserURL", state.newUserURL());
        line(out, "expiresAt", state.expiresAt().toString());
        line(out, "requestSignUp", state.requestSignUp() == null ? null : state.requestSignUp().toString());
        line(out, "idTokenNonce", state.idTokenNonce());
        line(out, "state", state.state());
        if (state.link() != null) {
            line(out, "link.email", state.link().email());
            line(out, "link.userId", state.link().userId());
            line(out, "link.session", state.link().session() == null ? null : state.link().session().value());
        }
        return out.toString();
    }

    @Override
    public OAuthState read(String value) {
        if (value == null || !value.startsWith("oauth-state\n")) {
            throw new IllegalArgumentException("not an OAuth state");
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : value.substring("oauth-state\n".length()).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("malformed line");
            }
            fields.put(line.substring(0, eq), new String(Base64.getDecoder().decode(line.substring(eq + 1)), StandardCharsets.UTF_8));
        }
        try {
            OAuthState.Link link = fields.containsKey("link.userId")
                    ? new OAuthState.Link(fields.get("link.email"), fields.get("link.userId"),
                    fields.containsKey("link.session") ? new SessionToken(fields.get("link.session")) : null)
                    : null;
            return new OAuthState(fields.get("callbackURL"), fields.get("codeVerifier"), fields.get("errorURL"),
                    fields.get("newUserURL"), link, Instant.parse(require(fields, "expiresAt")),
                    fields.containsKey("requestSignUp") ? Boolean.valueOf(fields.get("requestSignUp")) : null,
                    fields.get("idTokenNonce"), fields.get("state"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an OAuth state", e);
        }
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " missing");
        }
        return value;
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(name).append('=').append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
    }
}
