package dev.trellis.application.testing;

import dev.trellis.application.auth.password.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A cheap but real {@link PasswordHasher}: {@code saltHex:sha256(saltHex + password)}, a fresh random
 * salt per hash, the same shape as the scrypt adapter's, so a wrong password never matches. Counts the
 * hashes it made, so a test can see that a refusal cost as much as a check.
 */
public final class SaltedSha256PasswordHasher implements PasswordHasher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private int hashes;

    @Override
    public String hash(String password) {
        hashes++;
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HEX.formatHex(salt);
        return saltHex + ":" + digest(saltHex, password);
    }

    @Override
    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        int colon = storedHash.indexOf(':');
        if (colon != 32 || storedHash.length() != 32 + 1 + 64) {
            return false;
        }
        String expected = digest(storedHash.substring(0, colon), password);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                storedHash.substring(colon + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** How many times {@link #hash} ran. */
    public int hashes() {
        return hashes;
    }

    private static String digest(String saltHex, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(sha256.digest((saltHex + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
