package dev.trellis.adapter.web.auth.out.password;

import dev.trellis.application.auth.password.PasswordHasher;
import org.bouncycastle.crypto.generators.SCrypt;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Better Auth's password hash, byte for byte, so Trellis and a Better Auth server can check each
 * other's {@code account.password}: scrypt N=16384, r=16, p=1, 64-byte key over the NFKC-normalised
 * password, salted with the 32 hex characters of 16 random bytes, stored as {@code saltHex:keyHex}.
 * Also a Spring Security {@link PasswordEncoder}. Each hash or check costs about 32 MB and tens of ms.
 */
public final class BetterAuthPasswordHasher implements PasswordHasher, PasswordEncoder {

    private static final int N = 16384;
    private static final int R = 16;
    private static final int P = 1;
    private static final int KEY_LENGTH = 64;
    private static final int SALT_LENGTH = 16;
    private static final HexFormat HEX = HexFormat.of();
    // Better Auth writes lowercase; any hex is accepted on read, as its own hexToBytes does.
    private static final Pattern STORED = Pattern.compile("[0-9a-fA-F]{32}:[0-9a-fA-F]{128}");

    private final SecureRandom random = new SecureRandom();

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        String saltHex = HEX.formatHex(salt);
        return saltHex + ":" + HEX.formatHex(derive(password, saltHex));
    }

    @Override
    public boolean matches(String password, String storedHash) {
        if (password == null || password.isEmpty() || storedHash == null || !STORED.matcher(storedHash).matches()) {
            return false;
        }
        String saltHex = storedHash.substring(0, 32);
        byte[] expected = HEX.parseHex(storedHash, 33, storedHash.length());
        return MessageDigest.isEqual(derive(password, saltHex), expected);
    }

    /** Spring Security's contract: a null password has a null encoding. */
    @Override
    public String encode(CharSequence rawPassword) {
        return rawPassword == null ? null : hash(rawPassword.toString());
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return rawPassword != null && matches(rawPassword.toString(), encodedPassword);
    }

    /** The salt is the hex text itself, not the bytes it spells: that is what Better Auth feeds scrypt. */
    private static byte[] derive(String password, String saltHex) {
        String normalised = Normalizer.normalize(password, Normalizer.Form.NFKC);
        return SCrypt.generate(utf8LikeJavaScript(normalised), saltHex.getBytes(StandardCharsets.US_ASCII),
                N, R, P, KEY_LENGTH);
    }

    /** JavaScript encodes a lone surrogate as U+FFFD where Java would write '?'; match JavaScript. */
    private static byte[] utf8LikeJavaScript(String text) {
        int[] codePoints = text.codePoints()
                .map(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? 0xFFFD : c).toArray();
        return new String(codePoints, 0, codePoints.length).getBytes(StandardCharsets.UTF_8);
    }
}
