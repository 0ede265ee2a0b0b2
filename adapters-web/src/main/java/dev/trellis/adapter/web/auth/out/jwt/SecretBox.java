package dev.trellis.adapter.web.auth.out.jwt;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Better Auth's symmetric encryption of secrets at rest (its {@code symmetricEncrypt} with a plain
 * secret): XChaCha20-Poly1305 under the SHA-256 of the secret's UTF-8 bytes, a random 24-byte nonce,
 * no associated data, stored as lowercase hex of nonce, ciphertext and 16-byte tag.
 */
public final class SecretBox {

    static final int NONCE_BYTES = 24;
    private static final int TAG_BITS = 128;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public SecretBox(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the secret must not be empty");
        }
        try {
            this.key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex of nonce, ciphertext and tag. */
    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = xchacha(true, key, nonce, new byte[0], plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return HEX.formatHex(out);
    }

    /** The plain text of what {@link #seal} (or Better Auth) wrote; refused when it was not sealed with this secret. */
    public String open(String hex) {
        byte[] data;
        try {
            data = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a sealed value");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] plain = xchacha(false, key, Arrays.copyOf(data, NONCE_BYTES), new byte[0],
                Arrays.copyOfRange(data, NONCE_BYTES, data.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** AEAD_XChaCha20_Poly1305: ciphertext followed by the tag when sealing, the plain text when opening. */
    static byte[] xchacha(boolean seal, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        XChaCha20Poly1305 cipher = new XChaCha20Poly1305();
        cipher.init(seal, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            length += cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("the value was not sealed with this secret", e);
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }
}
