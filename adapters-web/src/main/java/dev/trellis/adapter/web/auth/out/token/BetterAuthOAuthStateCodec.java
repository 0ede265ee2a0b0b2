package dev.trellis.adapter.web.auth.out.token;

import dev.trellis.application.auth.social.OAuthState;
import dev.trellis.application.auth.social.OAuthStateCodec;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.shared.InvalidInput;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Better Auth's OAuth state JSON ({@code generateState} in better-auth 1.7), field for field:
 * <pre>{"callbackURL":…,"codeVerifier":…,"errorURL":…,"newUserURL":…,
 *  "link":{"userId":…,"email":…,"encryptedSessionToken":…},"expiresAt":&lt;epoch ms&gt;,
 *  "requestSignUp":…,"idTokenNonce":…,"oauthState":&lt;the state&gt;}</pre>
 * (absent values left out, as {@code JSON.stringify} does). The linking session's token is
 * encrypted as Better Auth does it, so either server can check the other's links: XChaCha20-Poly1305
 * with a random 24-byte nonce in front, hex-encoded, under SHA-256 of the hex HKDF-SHA256 key derived
 * from the secret (salt {@code better-auth:oauth-encryption:v1}, info
 * {@code better-auth:oauth-link-session-token:v1}).
 */
public final class BetterAuthOAuthStateCodec implements OAuthStateCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 24;
    private static final int TAG_BITS = 128;

    private final byte[] linkTokenKey;

    public BetterAuthOAuthStateCodec(String secret) {
        this.linkTokenKey = sha256(purposeKey(secret, "oauth-link-session-token").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String write(OAuthState state) {
        ObjectNode json = JSON.createObjectNode();
        json.put("callbackURL", state.callbackURL());
        json.put("codeVerifier", state.codeVerifier());
        putIfPresent(json, "errorURL", state.errorURL());
        putIfPresent(json, "newUserURL", state.newUserURL());
        if (state.link() != null) {
            ObjectNode link = json.putObject("link");
            link.put("userId", state.link().userId());
            link.put("email", state.link().email());
            if (state.link().session() != null) {
                link.put("encryptedSessionToken", encrypt(state.link().session().value()));
            }
        }
        json.put("expiresAt", state.expiresAt().toEpochMilli());
        if (state.requestSignUp() != null) {
            json.put("requestSignUp", state.requestSignUp());
        }
        putIfPresent(json, "idTokenNonce", state.idTokenNonce());
        putIfPresent(json, "oauthState", state.state());
        return JSON.writeValueAsString(json);
    }

    @Override
    public OAuthState read(String value) {
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (json == null || !json.isObject() || !json.path("callbackURL").isString() || !json.path("codeVerifier").isString()
                || !json.path("expiresAt").isNumber()) {
            throw new IllegalArgumentException("not a Better Auth OAuth state");
        }
        OAuthState.Link link = null;
        JsonNode linkJson = json.path("link");
        if (linkJson.isObject()) {
            if (!linkJson.path("email").isString() || linkJson.path("userId").isMissingNode() || linkJson.path("userId").isNull()) {
                throw new IllegalArgumentException("link without email or userId");
            }
            link = new OAuthState.Link(linkJson.get("email").asString(), linkJson.get("userId").asString(),
                    sessionToken(text(linkJson, "encryptedSessionToken")));
        }
        JsonNode requestSignUp = json.path("requestSignUp");
        return new OAuthState(json.get("callbackURL").asString(), json.get("codeVerifier").asString(),
                text(json, "errorURL"), text(json, "newUserURL"), link, Instant.ofEpochMilli(json.get("expiresAt").asLong()),
                requestSignUp.isBoolean() ? requestSignUp.asBoolean() : null, text(json, "idTokenNonce"),
                text(json, "oauthState"));
    }

    /**
     * The session that asked for the link; a token that does not decrypt (another secret, tampering)
     * stands for no live session, which Better Auth refuses as well.
     */
    private SessionToken sessionToken(String encrypted) {
        if (encrypted == null) {
            return null;
        }
        try {
            return new SessionToken(decrypt(encrypted));
        } catch (IllegalArgumentException | InvalidInput e) {
            return new SessionToken("unknown-session-" + HEX.formatHex(randomBytes(8)));
        }
    }

    String encrypt(String plain) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        XChaCha20Poly1305 cipher = new XChaCha20Poly1305();
        cipher.init(true, new AEADParameters(new KeyParameter(linkTokenKey), TAG_BITS, nonce));
        byte[] input = plain.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + out.length);
        System.arraycopy(out, 0, sealed, NONCE_BYTES, out.length);
        return HEX.formatHex(sealed);
    }

    /** @throws IllegalArgumentException when the value is not hex or does not authenticate */
    String decrypt(String hex) {
        byte[] sealed = HEX.parseHex(hex.startsWith("$ba$") ? hex.substring(hex.indexOf('$', 4) + 1) : hex);
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short");
        }
        XChaCha20Poly1305 cipher = new XChaCha20Poly1305();
        cipher.init(false, new AEADParameters(new KeyParameter(linkTokenKey), TAG_BITS, Arrays.copyOf(sealed, NONCE_BYTES)));
        byte[] out = new byte[cipher.getOutputSize(sealed.length - NONCE_BYTES)];
        int length = cipher.processBytes(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, out, 0);
        try {
            length += cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("does not authenticate", e);
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** Better Auth's {@code derivePurposeKey}: HKDF-SHA256 over the secret, 32 bytes, as lowercase hex. */
    static String purposeKey(String secret, String purpose) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret.getBytes(StandardCharsets.UTF_8),
                "better-auth:oauth-encryption:v1".getBytes(StandardCharsets.UTF_8),
                ("better-auth:" + purpose + ":v1").getBytes(StandardCharsets.UTF_8)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return HEX.formatHex(key);
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isString() ? node.asString() : null;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
