package dev.trellis.graph.check.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A row's 128-bit hash (MD5 of its canonical fields, each length-prefixed so that no two different rows
 * write the same bytes). It detects differences, it protects nothing: collisions made on purpose do not
 * matter here. One per thread.
 */
public final class RowHasher {

    private final MessageDigest md5;
    private byte[] buffer = new byte[1024];
    private int length;
    private long high;
    private long low;

    public RowHasher() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    void begin() {
        length = 0;
    }

    void field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length + 4);
        int n = bytes.length;
        buffer[length++] = (byte) (n >>> 24);
        buffer[length++] = (byte) (n >>> 16);
        buffer[length++] = (byte) (n >>> 8);
        buffer[length++] = (byte) n;
        System.arraycopy(bytes, 0, buffer, length, n);
        length += n;
    }

    /** Hashes what was written since {@link #begin()}; read it with {@link #high()} and {@link #low()}. */
    void finish() {
        md5.update(buffer, 0, length);
        byte[] digest = md5.digest();
        high = toLong(digest, 0);
        low = toLong(digest, 8);
    }

    long high() {
        return high;
    }

    long low() {
        return low;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, length + more)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
    }

    private static long toLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
