package dev.trellis.adapter.web.auth.out.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.trellis.application.auth.jwt.JwtKeyMaterial;
import dev.trellis.application.auth.jwt.SessionJwtClaims;
import dev.trellis.application.auth.jwt.SigningKey;
import dev.trellis.domain.user.User;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import tools.jackson.databind.json.JsonMapper;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys and tokens of Better Auth's {@code jwt} plugin with its default algorithm, EdDSA over Ed25519.
 * A key is stored as Better Auth's jose exports it: the public JWK {@code {"crv","x","kty"}} as JSON,
 * and the private JWK {@code {"crv","d","x","kty"}} sealed by {@link SecretBox} and kept as a JSON string
 * literal of that hex. Tokens are compact JWS with the header {@code {"alg":"EdDSA","kid":...}}; Bouncy
 * Castle's Ed25519 signs (Nimbus builds the JWS and parses the JWKs): the same deterministic signature as the
 * JDK's, at a small part of the JDK 17 implementation's cost, which was a third of a get-session's CPU. Opened
 * private keys are kept in memory by key id, so the secret decrypts each key once. The payload's user has {@code twoFactorEnabled}
 * exactly when get-session's has it: while the two-factor plugin is on ({@code twoFactorPlugin}).
 */
public final class Ed25519JwtKeys implements JwtKeyMaterial {

    public static final String ALG = "EdDSA";
    public static final String CRV = "Ed25519";
    private static final int X509_PREFIX = 12; // an Ed25519 SubjectPublicKeyInfo is 12 bytes of DER, then x
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final SecretBox box;
    private final boolean twoFactorPlugin;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Ed25519PrivateKeyParameters> opened = new ConcurrentHashMap<>();

    public Ed25519JwtKeys(SecretBox box, boolean twoFactorPlugin) {
        this.box = box;
        this.twoFactorPlugin = twoFactorPlugin;
    }

    @Override
    public String defaultAlg() {
        return ALG;
    }

    @Override
    public SigningKey newKey(String id, Instant createdAt, Instant expiresAt) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(CRV).generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            Base64URL x = Base64URL.encode(Arrays.copyOfRange(encoded, X509_PREFIX, encoded.length));
            Base64URL d = Base64URL.encode(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow());
            Map<String, String> publicJwk = new LinkedHashMap<>();
            publicJwk.put("crv", CRV);
            publicJwk.put("x", x.toString());
            publicJwk.put("kty", "OKP");
            Map<String, String> privateJwk = new LinkedHashMap<>();
            privateJwk.put("crv", CRV);
            privateJwk.put("d", d.toString());
            privateJwk.put("x", x.toString());
            privateJwk.put("kty", "OKP");
            String sealed = json.writeValueAsString(box.seal(json.writeValueAsString(privateJwk)));
            SigningKey key = new SigningKey(id, json.writeValueAsString(publicJwk), sealed, createdAt, expiresAt, ALG, CRV);
            opened.put(id, new Ed25519PrivateKeyParameters(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow()));
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make Ed25519 keys", e);
        }
    }

    @Override
    public String sign(SigningKey key, SessionJwtClaims claims) {
        if (!ALG.equals(key.algOr(ALG))) {
            throw new IllegalArgumentException("key " + key.id() + " is " + key.alg() + ", not " + ALG);
        }
        Ed25519PrivateKeyParameters privateKey = opened.computeIfAbsent(key.id(), id -> open(key));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.id()).build(),
                new Payload(json.writeValueAsString(payload(claims))));
        try {
            jws.sign(new BouncyCastleEd25519Signer(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jws.serialize();
    }

    /** The private key of a stored row: the JSON string literal of sealed hex, opened with the secret. */
    private Ed25519PrivateKeyParameters open(SigningKey key) {
        String hex = json.readValue(key.privateKey(), String.class);
        String privateJwk;
        try {
            privateJwk = box.open(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the private key of JWK " + key.id()
                    + " does not open with the current secret (was BETTER_AUTH_SECRET changed?)", e);
        }
        try {
            OctetKeyPair jwk = OctetKeyPair.parse(privateJwk);
            if (!Curve.Ed25519.equals(jwk.getCurve()) || jwk.getD() == null) {
                throw new IllegalStateException("JWK " + key.id() + " is not an Ed25519 private key");
            }
            return new Ed25519PrivateKeyParameters(jwk.getD().decode());
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalStateException("JWK " + key.id() + " is not a readable Ed25519 key", e);
        }
    }

    /** Better Auth's order: iat, the user as get-session shows it, sub, exp, iss, aud. */
    private Map<String, Object> payload(SessionJwtClaims claims) {
        User user = claims.user();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iat", claims.issuedAt().getEpochSecond());
        payload.put("id", user.id().value());
        payload.put("name", user.name());
        payload.put("email", user.email().value());
        payload.put("emailVerified", user.emailVerified());
        payload.put("image", user.image());
        payload.put("createdAt", date(user.createdAt()));
        payload.put("updatedAt", date(user.updatedAt()));
        if (twoFactorPlugin) {
            payload.put("twoFactorEnabled", user.twoFactorEnabled());
        }
        payload.put("sub", claims.subject());
        payload.put("exp", claims.expiresAt().getEpochSecond());
        payload.put("iss", claims.issuer());
        payload.put("aud", claims.audience());
        return payload;
    }

    private static String date(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }

    /**
     * Nimbus's signer for EdDSA needs Tink; Bouncy Castle's Ed25519 (RFC 8032, pure Ed25519) makes the same
     * deterministic signature as any other implementation, and keeps the key's public half, so a signature
     * costs one scalar multiplication.
     */
    private static final class BouncyCastleEd25519Signer implements JWSSigner {

        private final Ed25519PrivateKeyParameters key;
        private final JCAContext context = new JCAContext();

        BouncyCastleEd25519Signer(Ed25519PrivateKeyParameters key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(signingInput, 0, signingInput.length);
            return Base64URL.encode(signer.generateSignature());
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
