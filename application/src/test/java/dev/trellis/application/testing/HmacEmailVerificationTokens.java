package dev.trellis.application.testing;

import dev.trellis.application.auth.email.EmailVerificationTokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signed, stateless verification tokens as the JWT adapter makes them, minus the JWT format: the
 * claims and the expiry, base64url-encoded, then an HMAC-SHA256 over them with the secret. Signing
 * is deterministic (same claims, same expiry, same token); a token signed with another secret or
 * changed in any character reads as {@link Invalid}; one past its expiry as {@link Expired}. Keeps
 * the claims it issued, so a test can see the work done for an address that gets no mail.
 */
public final class HmacEmailVerificationTokens implements EmailVerificationTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String NULL = "~";

    private final byte[] secret;
    private final Clock clock;
    private final List<Claims> issued = new ArrayList<>();

    public HmacEmailVerificationTokens(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public String issue(Claims claims, Duration lifetime) {
        issued.add(claims);
        String payload = String.join(".", field(claims.email()), field(claims.updateTo()), field(claims.requestType()),
                field(claims.userId()), field(Long.toString(clock.instant().plus(lifetime).getEpochSecond())));
        return payload + "." + sign(payload);
    }

    @Override
    public Reading read(String token) {
        if (token == null) {
            return new Invalid();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return new Invalid();
        }
        String payload = token.substring(0, lastDot);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return new Invalid();
        }
        String[] fields = payload.split("\\.", -1);
        if (fields.length != 5) {
            return new Invalid();
        }
        try {
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(value(fields[4])));
            if (clock.instant().isAfter(expiresAt)) {
                return new Expired();
            }
            return new Valid(new Claims(value(fields[0]), value(fields[1]), value(fields[2]), value(fields[3])));
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Invalid();
        }
    }

    /** The claims of every token issued so far, mailed or not. */
    public List<Claims> issued() {
        return List.copyOf(issued);
    }

    private static String field(String value) {
        return value == null ? NULL : ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(String field) {
        return NULL.equals(field) ? null : new String(DECODER.decode(field), StandardCharsets.UTF_8);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
