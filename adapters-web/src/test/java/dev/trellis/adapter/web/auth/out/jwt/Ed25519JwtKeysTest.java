package dev.trellis.adapter.web.auth.out.jwt;

import dev.trellis.application.auth.jwt.SessionJwtClaims;
import dev.trellis.application.auth.jwt.SigningKey;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ed25519JwtKeysTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final User user = new User(new UserId("usr_abcdefghijkl"), "Ada", new EmailAddress("ada@example.com"),
            true, null, NOW, NOW, false);

    @Test
    void storesKeysAsBetterAuthDoes() {
        SigningKey key = new Ed25519JwtKeys(new SecretBox(SECRET), true).newKey("kid1", NOW, null);

        JsonNode publicJwk = JSON.readTree(key.publicKey());
        assertThat(publicJwk.propertyNames()).containsExactly("crv", "x", "kty");
        assertThat(publicJwk.get("kty").asString()).isEqualTo("OKP");
        assertThat(key.alg()).isEqualTo("EdDSA");
        assertThat(key.crv()).isEqualTo("Ed25519");
        assertThat(key.privateKey()).matches("\"[0-9a-f]+\"");
        JsonNode privateJwk = JSON.readTree(new SecretBox(SECRET).open(JSON.readValue(key.privateKey(), String.class)));
        assertThat(privateJwk.propertyNames()).containsExactly("crv", "d", "x", "kty");
        assertThat(privateJwk.get("x")).isEqualTo(publicJwk.get("x"));
    }

    @Test
    void signsAnEdDsaJwtThatThePublicKeyVerifies() throws Exception {
        SigningKey key = new Ed25519JwtKeys(new SecretBox(SECRET), true).newKey("kid1", NOW, null);
        // a fresh instance must open the stored private key with the secret
        String jwt = new Ed25519JwtKeys(new SecretBox(SECRET), true).sign(key, claims());

        String[] parts = jwt.split("\\.");
        assertThat(JSON.readTree(decode(parts[0])).toString()).isEqualTo("{\"kid\":\"kid1\",\"alg\":\"EdDSA\"}");
        JsonNode payload = JSON.readTree(decode(parts[1]));
        assertThat(payload.propertyNames()).containsExactly("iat", "id", "name", "email", "emailVerified", "image",
                "createdAt", "updatedAt", "twoFactorEnabled", "sub", "exp", "iss", "aud");
        assertThat(payload.get("sub").asString()).isEqualTo("usr_abcdefghijkl");
        assertThat(payload.get("createdAt").asString()).isEqualTo("2026-12-07T10:00:00.000Z");
        assertThat(payload.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 900);
        assertThat(payload.get("image").isNull()).isTrue();

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey(key));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theSignatureIsTheJdksDeterministicEd25519Signature() throws Exception {
        Ed25519JwtKeys keys = new Ed25519JwtKeys(new SecretBox(SECRET), true);
        SigningKey key = keys.newKey("kid1", NOW, null);
        String withTheNewKey = keys.sign(key, claims());
        String withTheStoredKey = new Ed25519JwtKeys(new SecretBox(SECRET), true).sign(key, claims());
        assertThat(withTheStoredKey).isEqualTo(withTheNewKey);

        String[] parts = withTheNewKey.split("\\.");
        JsonNode privateJwk = JSON.readTree(new SecretBox(SECRET).open(JSON.readValue(key.privateKey(), String.class)));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
                Base64.getUrlDecoder().decode(privateJwk.get("d").asString()))));
        jdk.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(jdk.sign());
    }

    @Test
    void withoutTheTwoFactorPluginThePayloadHasNoTwoFactorFlag() throws Exception {
        Ed25519JwtKeys keys = new Ed25519JwtKeys(new SecretBox(SECRET), false);
        String jwt = keys.sign(keys.newKey("kid1", NOW, null), claims());

        JsonNode payload = JSON.readTree(decode(jwt.split("\\.")[1]));
        assertThat(payload.propertyNames()).containsExactly("iat", "id", "name", "email", "emailVerified", "image",
                "createdAt", "updatedAt", "sub", "exp", "iss", "aud");
    }

    @Test
    void aKeySealedWithAnotherSecretIsRefused() {
        SigningKey key = new Ed25519JwtKeys(new SecretBox(SECRET), true).newKey("kid1", NOW, null);
        assertThatThrownBy(() -> new Ed25519JwtKeys(new SecretBox("another-secret-another-secret-xx"), true)
                .sign(key, claims()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kid1");
    }

    private SessionJwtClaims claims() {
        return new SessionJwtClaims(NOW, user, user.id().value(), NOW.plusSeconds(900), "http://localhost:8080",
                "http://localhost:8080");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static PublicKey publicKey(SigningKey key) throws Exception {
        byte[] x = Base64.getUrlDecoder().decode(JSON.readTree(key.publicKey()).get("x").asString());
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] der = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(x, 0, der, prefix.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
