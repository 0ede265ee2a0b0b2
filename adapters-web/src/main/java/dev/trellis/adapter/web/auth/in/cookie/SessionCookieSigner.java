package dev.trellis.adapter.web.auth.in.cookie;

import dev.trellis.application.auth.UriComponent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs and verifies Better Auth's session cookie value, so a cookie set by either server is
 * accepted by the other: {@code token + "." + base64(HMAC-SHA256(secret, token))}, URL-encoded
 * as JavaScript's {@code encodeURIComponent} does.
 * <p>
 * Any secret of at least one character is accepted, as Better Auth does; below
 * {@value #RECOMMENDED_SECRET_LENGTH} characters Better Auth warns, so {@link #isWeak()} lets the
 * caller warn or refuse.
 */
public final class SessionCookieSigner {

    public static final int RECOMMENDED_SECRET_LENGTH = 32;
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int SIGNATURE_LENGTH = 44; // 32 bytes in padded base64

    private final SecretKeySpec key;
    private final boolean weak;

    public SessionCookieSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the session secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
        this.weak = secret.length() < RECOMMENDED_SECRET_LENGTH;
    }

    /** Whether the secret is shorter than the {@value #RECOMMENDED_SECRET_LENGTH} characters Better Auth asks for. */
    public boolean isWeak() {
        return weak;
    }

    /** {@code token.signature}, the form sent in {@code set-auth-token} and taken back as a Bearer token. */
    public String sign(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("the token must not be empty");
        }
        return token + "." + signature(token);
    }

    /** A signed value ({@link #sign}) as the cookie carries it: {@code encodeCookieValue(sign(token))}. */
    public static String encodeCookieValue(String signedValue) {
        return UriComponent.encode(signedValue);
    }

    /**
     * The token, if the value (URL-encoded cookie, or the raw {@code token.signature} of a Bearer
     * header) carries a valid signature; empty for anything else, never an exception.
     */
    public Optional<String> verify(String cookieOrHeaderValue) {
        String signed = decodeUriComponent(cookieOrHeaderValue);
        if (signed == null) {
            return Optional.empty();
        }
        int dot = signed.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String token = signed.substring(0, dot);
        String given = signed.substring(dot + 1);
        if (given.length() != SIGNATURE_LENGTH || !given.endsWith("=")) {
            return Optional.empty();
        }
        // Comparing the canonical base64 text also rejects malformed or non-canonical base64.
        boolean valid = MessageDigest.isEqual(signature(token).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(token) : Optional.empty();
    }

    private String signature(String token) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Percent-decoding as decodeURIComponent does it ('+' stays '+', unlike URLDecoder, so a raw
     * base64 signature survives); null for a bad escape or anything outside ASCII.
     */
    private static String decodeUriComponent(String value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || !HexFormat.isHexDigit(value.charAt(i + 1))
                        || !HexFormat.isHexDigit(value.charAt(i + 2))) {
                    return null;
                }
                c = (char) HexFormat.fromHexDigits(value, i + 1, i + 3);
                i += 2;
            }
            if (c > 0x7F) {
                return null;
            }
            bytes.write(c);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
