package dev.trellis.adapter.web.auth.out.token;

import dev.trellis.application.auth.email.EmailVerificationTokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Better Auth's email verification token, byte for byte: a compact JWT with the protected header
 * {@code {"alg":"HS256"}} (no {@code typ}), signed with HMAC-SHA256 keyed by the UTF-8 bytes of the
 * secret ({@code BETTER_AUTH_SECRET}), whose claims are {@code email}, then {@code updateTo},
 * {@code requestType} and {@code userId} when present, then {@code iat} and {@code exp} in whole
 * seconds ({@code exp = iat + lifetime}). Reading follows jose's {@code jwtVerify} with
 * {@code algorithms: ["HS256"]}: the signature first, then {@code exp <= now} is expired,
 * {@code nbf} in the future or a non-numeric {@code iat} is invalid, and unknown {@code crit}
 * extensions are refused.
 */
public final class EmailVerificationJwt implements EmailVerificationTokens {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final String HEADER = B64URL.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public EmailVerificationJwt(String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
        this.clock = clock;
    }

    @Override
    public String issue(Claims claims, Duration lifetime) {
        long issuedAt = Math.floorDiv(clock.millis(), 1000L);
        ObjectNode payload = json.createObjectNode();
        payload.put("email", claims.email());
        if (claims.updateTo() != null) {
            payload.put("updateTo", claims.updateTo());
        }
        if (claims.requestType() != null) {
            payload.put("requestType", claims.requestType());
        }
        if (claims.userId() != null) {
            payload.put("userId", claims.userId());
        }
        payload.put("iat", issuedAt);
        payload.put("exp", issuedAt + lifetime.toSeconds());
        String signingInput = HEADER + "." + B64URL.encodeToString(json.writeValueAsBytes(payload));
        return signingInput + "." + B64URL.encodeToString(hmac(signingInput));
    }

    @Override
    public Reading read(String token) {
        if (token == null) {
            return new Invalid();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Invalid();
        }
        try {
            JsonNode header = json.readTree(B64URL_DECODER.decode(parts[0]));
            if (!header.isObject() || !header.path("alg").isString() || !"HS256".equals(header.get("alg").stringValue())
                    || header.has("crit")) {
                return new Invalid();
            }
            byte[] signature = B64URL_DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), signature)) {
                return new Invalid();
            }
            JsonNode payload = json.readTree(B64URL_DECODER.decode(parts[1]));
            return claims(payload);
        } catch (IllegalArgumentException | JacksonException e) {
            return new Invalid();
        }
    }

    private Reading claims(JsonNode payload) {
        if (!payload.isObject()) {
            return new Invalid();
        }
        long now = Math.floorDiv(clock.millis(), 1000L);
        JsonNode exp = payload.get("exp");
        JsonNode nbf = payload.get("nbf");
        JsonNode iat = payload.get("iat");
        if (exp == null || !exp.isNumber() || (nbf != null && (!nbf.isNumber() || nbf.doubleValue() > now))
                || (iat != null && !iat.isNumber())) {
            return new Invalid(); // Better Auth always sets exp; a token without one is not Better Auth's
        }
        if (exp.doubleValue() <= now) {
            return new Expired();
        }
        JsonNode email = payload.get("email");
        if (email == null || !email.isString()) {
            return new Invalid();
        }
        String updateTo = optionalString(payload, "updateTo");
        String requestType = optionalString(payload, "requestType");
        String userId = optionalString(payload, "userId");
        if (updateTo == null && payload.has("updateTo") || requestType == null && payload.has("requestType")
                || userId == null && payload.has("userId")) {
            return new Invalid();
        }
        return new Valid(new Claims(email.stringValue(), updateTo, requestType, userId));
    }

    private static String optionalString(JsonNode payload, String name) {
        JsonNode value = payload.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
