package dev.trellis.adapter.web.auth.in.endpoint.jwt;

import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.jwt.SessionJwts;
import dev.trellis.application.auth.jwt.SigningKey;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.signedIn;

/**
 * Better Auth's {@code jwt} plugin under {@code /api/auth}: {@code /jwks} publishes the public keys
 * (a JWK Set: each stored public JWK with {@code alg}, {@code crv} and {@code kid} = the row's id), and
 * {@code /token} answers {@code {"token": ...}}, a JWT for the signed-in user (401 without a session).
 * The {@code set-auth-jwt} header of {@code get-session} is {@link SessionJwtHeader}'s. On unless
 * {@code trellis.auth.jwt.enabled=false}.
 */
@RestController
@RequestMapping("/api/auth")
@ConditionalOnBooleanProperty(name = "trellis.auth.jwt.enabled", matchIfMissing = true)
public class JwtController {

    record TokenJson(String token) {
    }

    record KeySet(List<JsonNode> keys) {
    }

    private final SessionJwts jwts;
    private final JsonMapper json = JsonMapper.builder().build();

    public JwtController(SessionJwts jwts) {
        this.jwts = jwts;
    }

    @GetMapping("/jwks")
    KeySet jwks() {
        return new KeySet(jwts.publishedKeys().stream().map(this::publicJwk).toList());
    }

    @GetMapping("/token")
    TokenJson token(@AuthenticationPrincipal SignedIn caller) {
        return new TokenJson(jwts.issue(signedIn(caller).user()));
    }

    /** As Better Auth shows a row: alg and crv (the row's, else the defaults), the stored JWK's members, kid last. */
    private JsonNode publicJwk(SigningKey key) {
        ObjectNode jwk = json.createObjectNode();
        jwk.put("alg", key.algOr(jwts.defaultAlg()));
        if (key.crv() != null) {
            jwk.put("crv", key.crv());
        }
        JsonNode stored = json.readTree(key.publicKey());
        stored.properties().forEach(member -> jwk.set(member.getKey(), member.getValue()));
        jwk.put("kid", key.id());
        return jwk;
    }
}
