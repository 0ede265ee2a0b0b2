package dev.trellis.bootstrap.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.trellis.adapter.persistence.auth.SigningKeyPersistenceAdapter;
import dev.trellis.adapter.web.auth.out.jwt.Ed25519JwtKeys;
import dev.trellis.adapter.web.auth.out.jwt.SecretBox;
import dev.trellis.application.auth.jwt.JwtSettings;
import dev.trellis.application.auth.jwt.SessionJwts;
import dev.trellis.application.auth.jwt.SigningKey;
import dev.trellis.application.auth.jwt.SigningKeyRepository;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Better Auth's jwt plugin over HTTP, against PostgreSQL: the key set, tokens for the session, the
 * {@code set-auth-jwt} header, and a downstream service that verifies tokens with the key set alone.
 */
@AuthTestSupport
class JwtTest {

    static final String BASE_URL = "http://localhost:3000";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Browser signedUp(String email) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    /**
     * What a downstream service does: fetch the JWKS, find the token's key by {@code kid}, check the
     * EdDSA signature (Nimbus's key selectors do not convert OKP keys, so the key is picked by id), then
     * iss, aud and exp.
     */
    JWTClaimsSet verifyAsADownstreamService(String token) throws Exception {
        return verify(token, URI.create("http://localhost:" + port + "/api/auth/jwks"), BASE_URL);
    }

    /** {@code token} checked against the key set at {@code jwksUrl}, with {@code iss} and {@code aud} = {@code baseUrl}. */
    static JWTClaimsSet verify(String token, URI jwksUrl, String baseUrl) throws Exception {
        JWKSet jwks = JWKSet.load(jwksUrl.toURL());
        SignedJWT jwt = SignedJWT.parse(token);
        if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())
                || !(jwks.getKeyByKeyId(jwt.getHeader().getKeyID()) instanceof OctetKeyPair key)
                || !jwt.verify(new Ed25519Verifier(key.toPublicJWK()))) {
            throw new BadJOSEException("signature not verified by the key set");
        }
        new DefaultJWTClaimsVerifier<>(baseUrl, new JWTClaimsSet.Builder().issuer(baseUrl).build(),
                Set.of("sub", "exp", "iat")).verify(jwt.getJWTClaimsSet(), null);
        return jwt.getJWTClaimsSet();
    }

    @Test
    void the_key_set_publishes_ed25519_public_keys_only() throws Exception {
        var response = new Browser(port, null).get("/api/auth/jwks");

        assertThat(response.status()).isEqualTo(200);
        JsonNode keys = response.json().get("keys");
        assertThat(keys.size()).isPositive();
        for (JsonNode key : keys) {
            assertThat(key.get("alg").asString()).isEqualTo("EdDSA");
            assertThat(key.get("crv").asString()).isEqualTo("Ed25519");
            assertThat(key.get("kty").asString()).isEqualTo("OKP");
            assertThat(key.get("x").asString()).matches("[A-Za-z0-9_-]{43}");
            assertThat(key.has("d")).isFalse();
            assertThat(key.get("kid").asString()).isNotBlank();
        }
        assertThat(JWKSet.parse(response.body()).getKeys()).allMatch(jwk -> !jwk.isPrivate());
    }

    @Test
    void a_token_needs_a_session() throws Exception {
        var token = new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/token");
        var listSessions = new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/list-sessions");

        assertThat(token.status()).isEqualTo(401);
        assertThat(token.body()).as("Better Auth's session middleware answers both").isEqualTo(listSessions.body());
    }

    @Test
    void the_token_verifies_with_the_key_set_alone_and_carries_the_user() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        JsonNode user = browser.get("/api/auth/get-session").json().get("user");

        var response = browser.get("/api/auth/token");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("token");
        String jwt = response.json().get("token").asString();
        assertThat(header(jwt).get("alg").asString()).isEqualTo("EdDSA");
        JWTClaimsSet claims = verifyAsADownstreamService(jwt);
        assertThat(claims.getSubject()).isEqualTo(user.get("id").asString());
        assertThat(claims.getIssuer()).isEqualTo(BASE_URL);
        assertThat(claims.getAudience()).containsExactly(BASE_URL);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada");
        assertThat(claims.getStringClaim("id")).isEqualTo(user.get("id").asString());
        assertThat(claims.getBooleanClaim("emailVerified")).isFalse();
        assertThat(claims.getStringClaim("createdAt")).isEqualTo(user.get("createdAt").asString());
    }

    @Test
    void the_token_carries_the_two_factor_flag_as_get_session_shows_it() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        JsonNode user = browser.get("/api/auth/get-session").json().get("user");

        JWTClaimsSet claims = verifyAsADownstreamService(browser.get("/api/auth/token").json().get("token").asString());

        assertThat(user.get("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(claims.getClaim("twoFactorEnabled")).isEqualTo(false);
        List<String> expected = new ArrayList<>(List.of("iat", "sub", "exp", "iss", "aud"));
        user.propertyNames().forEach(expected::add);
        assertThat(claims.getClaims().keySet()).as("the user as get-session shows it, and the registered claims")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void get_session_answers_the_set_auth_jwt_header_and_exposes_it() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());

        var response = browser.get("/api/auth/get-session");

        assertThat(response.status()).isEqualTo(200);
        String jwt = response.header("set-auth-jwt");
        assertThat(jwt).isNotNull();
        assertThat(response.header("access-control-expose-headers")).contains("set-auth-jwt");
        assertThat(verifyAsADownstreamService(jwt).getSubject())
                .isEqualTo(response.json().get("user").get("id").asString());

        var crossOrigin = browser.origin("http://app.test:5173").get("/api/auth/get-session");
        assertThat(crossOrigin.header("access-control-allow-origin")).isEqualTo("http://app.test:5173");
        assertThat(crossOrigin.header("access-control-expose-headers"))
                .as("added to what CORS already exposes").contains("set-auth-token", "set-auth-jwt");
        assertThat(crossOrigin.header("set-auth-jwt")).isNotNull();

        var anonymous = new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/get-session");
        assertThat(anonymous.body()).isEqualTo("null");
        assertThat(anonymous.header("set-auth-jwt")).isNull();
    }

    @Test
    void a_tampered_or_foreign_token_is_refused() throws Exception {
        String jwt = signedUp(AuthTestSupport.Emails.next()).get("/api/auth/token").json().get("token").asString();
        String[] parts = jwt.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                decode(parts[1]).replace("\"sub\":\"", "\"sub\":\"x").getBytes(StandardCharsets.UTF_8));
        char last = parts[2].charAt(10);
        String otherSignature = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);

        assertThatThrownBy(() -> verifyAsADownstreamService(parts[0] + "." + otherPayload + "." + parts[2]))
                .isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> verifyAsADownstreamService(parts[0] + "." + parts[1] + "." + otherSignature))
                .isInstanceOf(BadJOSEException.class);

        // signed with a key of the same table but under another secret's key set: the kid is unknown here
        SessionJwts elsewhere = new SessionJwts(new InMemoryKeys(),
                new Ed25519JwtKeys(new SecretBox("another-secret-another-secret-xx"), true),
                JwtSettings.betterAuthDefaults(BASE_URL), Clock.systemUTC());
        assertThatThrownBy(() -> verifyAsADownstreamService(elsewhere.issue(someUser())))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        SessionJwts anHourAgo = secondInstance(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));

        assertThatThrownBy(() -> verifyAsADownstreamService(anHourAgo.issue(someUser())))
                .isInstanceOf(BadJOSEException.class).hasMessageContaining("Expired JWT");
    }

    @Test
    void the_private_key_is_stored_sealed_with_the_secret() throws Exception {
        String jwt = signedUp(AuthTestSupport.Emails.next()).get("/api/auth/token").json().get("token").asString();
        String kid = header(jwt).get("kid").asString();

        var row = jdbc.sql("select public_key, private_key, alg, crv from jwks where id = ?").param(kid)
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).single();

        assertThat(row[1]).matches("\"[0-9a-f]+\"").doesNotContain("\"d\"");
        JsonNode privateJwk = JSON.readTree(new SecretBox(AuthTestSupport.SECRET).open(JSON.readValue(row[1], String.class)));
        assertThat(privateJwk.get("d").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(privateJwk.get("x")).isEqualTo(JSON.readTree(row[0]).get("x"));
        assertThat(row[2]).isEqualTo("EdDSA");
        assertThat(row[3]).isEqualTo("Ed25519");
    }

    @Test
    void a_second_instance_on_the_same_table_signs_with_the_same_key() throws Exception {
        String jwt = signedUp(AuthTestSupport.Emails.next()).get("/api/auth/token").json().get("token").asString();

        String fromTheSecond = secondInstance(Clock.systemUTC()).issue(someUser());

        assertThat(header(fromTheSecond).get("kid")).isEqualTo(header(jwt).get("kid"));
        assertThat(verifyAsADownstreamService(fromTheSecond).getSubject()).isEqualTo("usr_abcdefghijkl");
    }

    @Test
    void after_a_new_key_is_added_old_and_new_tokens_both_verify() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());
        String before = browser.get("/api/auth/token").json().get("token").asString();
        SigningKeyRepository table = new SigningKeyPersistenceAdapter(jdbc);
        Ed25519JwtKeys material = new Ed25519JwtKeys(new SecretBox(AuthTestSupport.SECRET), true);
        Instant newest = table.all().stream().map(SigningKey::createdAt).max(Instant::compareTo).orElseThrow();
        SigningKey rotated = material.newKey("rotated-" + System.nanoTime(), newest.plusSeconds(1), null);
        table.add(rotated);

        String after = browser.get("/api/auth/token").json().get("token").asString();

        assertThat(header(after).get("kid").asString()).isEqualTo(rotated.id());
        assertThat(header(before).get("kid").asString()).isNotEqualTo(rotated.id());
        assertThat(verifyAsADownstreamService(before).getSubject()).isEqualTo(verifyAsADownstreamService(after).getSubject());
    }

    SessionJwts secondInstance(Clock clock) {
        return new SessionJwts(new SigningKeyPersistenceAdapter(jdbc),
                new Ed25519JwtKeys(new SecretBox(AuthTestSupport.SECRET), true), JwtSettings.betterAuthDefaults(BASE_URL), clock);
    }

    static User someUser() {
        Instant now = Instant.now();
        return new User(new UserId("usr_abcdefghijkl"), "Someone", new EmailAddress("someone@example.com"), true, null,
                now, now, false);
    }

    static JsonNode header(String jwt) {
        return JSON.readTree(decode(jwt.split("\\.")[0]));
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    static final class InMemoryKeys implements SigningKeyRepository {
        private final java.util.List<SigningKey> rows = new java.util.ArrayList<>();

        @Override
        public java.util.List<SigningKey> all() {
            return java.util.List.copyOf(rows);
        }

        @Override
        public void add(SigningKey key) {
            rows.add(key);
        }
    }
}
