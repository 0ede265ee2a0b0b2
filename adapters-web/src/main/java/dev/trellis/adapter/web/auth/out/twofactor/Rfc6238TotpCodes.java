package dev.trellis.adapter.web.auth.out.twofactor;

import dev.trellis.application.auth.twofactor.TotpCodes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * TOTP by RFC 6238 as Better Auth's {@code createOTP} computes it: HMAC-SHA1, 6 digits, 30-second
 * periods, and a code of the period before or after accepted too. The key is the secret's UTF-8
 * bytes, or the bytes of its Base32 text after a {@code base32:} prefix; the URI carries the key in
 * Base32 without padding.
 */
public final class Rfc6238TotpCodes implements TotpCodes {

    static final int DIGITS = 6;
    static final long PERIOD_SECONDS = 30;
    private static final String BASE32_PREFIX = "base32:";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @Override
    public boolean verify(String secret, String code, Instant now) {
        byte[] key = key(secret);
        long counter = Math.floorDiv(now.getEpochSecond(), PERIOD_SECONDS);
        boolean matched = false;
        for (long step = -1; step <= 1; step++) {
            byte[] expected = hotp(key, counter + step, DIGITS).getBytes(StandardCharsets.US_ASCII);
            matched |= MessageDigest.isEqual(expected, code.getBytes(StandardCharsets.UTF_8));
        }
        return matched;
    }

    @Override
    public String code(String secret, Instant at) {
        return hotp(key(secret), Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS), DIGITS);
    }

    @Override
    public String uri(String secret, String issuer, String account) {
        return "otpauth://totp/" + component(issuer) + ":" + component(account)
                + "?secret=" + base32(key(secret)) + "&issuer=" + form(issuer)
                + "&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    /** RFC 4226's HOTP with HMAC-SHA1 and dynamic truncation. */
    static String hotp(byte[] key, long counter, int digits) {
        return hotp("HmacSHA1", key, counter, digits);
    }

    static String hotp(String algorithm, byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
                    | (hash[offset + 2] & 0xff) << 8 | hash[offset + 3] & 0xff;
            String code = Integer.toString(binary % (int) Math.pow(10, digits));
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    static byte[] key(String secret) {
        if (secret.startsWith(BASE32_PREFIX)) {
            return decodeBase32(secret.substring(BASE32_PREFIX.length()).toUpperCase());
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = buffer << 8 | b & 0xff;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32.charAt(buffer >> bits & 31));
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt(buffer << 5 - bits & 31));
        }
        return out.toString();
    }

    static byte[] decodeBase32(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32");
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write(buffer >> bits & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** encodeURIComponent. */
    private static String component(String text) {
        return form(text).replace("+", "%20").replace("%21", "!").replace("%27", "'").replace("%28", "(")
                .replace("%29", ")").replace("%7E", "~");
    }

    /** URLSearchParams' form encoding. */
    private static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
