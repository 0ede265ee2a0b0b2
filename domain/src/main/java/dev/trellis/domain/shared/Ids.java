package dev.trellis.domain.shared;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Random ids as the seed makes them with nanoid: its URL-safe alphabet, a cryptographically secure
 * source, and no modulo bias (the alphabet has 64 symbols, so 6 random bits pick one exactly).
 */
public final class Ids {

    public static final String ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NANOID_CHARS = Pattern.compile("[A-Za-z0-9_-]+");
    /** Better Auth's defaults are 32 chars of [A-Za-z0-9]; configured generators may add a prefix or dashes. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private Ids() {
    }

    /** {@code size} random symbols of nanoid's alphabet. */
    public static String nanoid(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        char[] out = new char[size];
        for (int i = 0; i < size; i++) {
            out[i] = ALPHABET.charAt(bytes[i] & 63);
        }
        return new String(out);
    }

    /** A 32-symbol token, as the seed's {@code createId.token()}. */
    public static String token() {
        return nanoid(32);
    }

    /** Checks an id made by Trellis: the prefix, then exactly {@code length} symbols of nanoid's alphabet. */
    public static String requirePrefixed(String value, String prefix, int length, String field) {
        if (value == null) {
            throw InvalidInput.required(field);
        }
        if (value.length() != prefix.length() + length || !value.startsWith(prefix)
                || !NANOID_CHARS.matcher(value.substring(prefix.length())).matches()) {
            throw new InvalidInput(field, "id.malformed",
                    "must be '" + prefix + "' followed by " + length + " characters of [A-Za-z0-9_-]");
        }
        return value;
    }

    /**
     * Checks an id of the auth tables, which a Better Auth server sharing the database may have made:
     * Trellis's prefixed form, Better Auth's 32 alphanumerics, or whatever its configured generator
     * produced, as long as it is 1 to 255 URL-safe characters.
     */
    public static String requireAuthId(String value, String field) {
        if (value == null) {
            throw InvalidInput.required(field);
        }
        if (!EXTERNAL_ID.matcher(value).matches()) {
            throw new InvalidInput(field, "id.malformed", "must be 1 to 255 characters of [A-Za-z0-9_-]");
        }
        return value;
    }
}
