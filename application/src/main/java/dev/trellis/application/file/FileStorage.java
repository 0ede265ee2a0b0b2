package dev.trellis.application.file;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where the bytes of uploaded files live, under a key Trellis makes ({@code <userId>/<fileId>}), never
 * one a client chose. Bytes stream both ways, so an upload is never held in memory whole. The default
 * adapter keeps them in a folder on local disk; an S3-compatible bucket fits the same port.
 *
 * <p>Inside a transaction, writes follow its outcome: bytes {@link #put} are removed again when the
 * transaction rolls back, and a {@link #delete} happens only once the transaction has committed. So
 * a use case writes the bytes before the row that points at them, and deletes the row before the
 * bytes, and neither a failed write nor a failed delete leaves a row without its bytes.
 */
public interface FileStorage {

    /**
     * Stores {@code content} under {@code key}, all or nothing: a reader sees the complete bytes or
     * none. Returns the number of bytes stored. A key that already holds bytes is refused.
     */
    long put(String key, InputStream content);

    /** The bytes under {@code key}, to be read once and closed by the caller; empty when there are none. */
    Optional<Content> open(String key);

    /** Removes the bytes under {@code key}; a key without bytes is no error. */
    void delete(String key);

    /** Stored bytes being read, and how many there are. */
    record Content(InputStream stream, long size) {
    }
}
