package dev.trellis.application.auth.internal;

import java.security.SecureRandom;

/** Better Auth's random strings: uniform over the alphabet, from a cryptographically secure source. */
public final class RandomTokens {

    public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public static final String ALPHANUMERIC = LETTERS + "0123456789";
    public static final String DIGITS = "0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    public static String of(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
