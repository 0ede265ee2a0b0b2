package dev.trellis.application.file;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the bytes of uploaded files live, under a key Trellis makes ({@code <userId>/<fileId>}), never
 * one a client chose. Bytes stream both ways, so an upload is never held in memory whole. The default
 * adapter keeps them in a folder on local disk; another keeps them in an S3-compatible bucket.
 *
 * <p>Inside a transaction, writes follow its outcome: bytes {@link #put} are removed again when the
 * transaction rolls back, and a {@link #delete} happens only once the transaction has committed. So
 * a use case writes the bytes before the row that points at them, and deletes the row before the
 * bytes, and neither a failed write nor a failed delete leaves a row without its bytes. What a crash
 * leaves over is found and removed by {@link SweepFiles}.
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

    /**
     * Every key that holds bytes, in ascending order of the key ({@link String#compareTo}; keys are
     * ASCII), with when its bytes were written; to be closed by the caller. Writes in progress are not listed.
     */
    Stream<StoredObject> list();

    /**
     * Removes the leftovers of writes begun before {@code before} that never finished (a crash mid-upload):
     * temporary files, unfinished multipart uploads. Returns how many were removed.
     */
    int removeUnfinished(Instant before);

    /**
     * A short-lived URL that serves the bytes under {@code key} directly from the storage with the given
     * headers, when this storage hands out such links; empty when the bytes are to be streamed through {@link #open}.
     */
    Optional<URI> link(String key, ServedAs servedAs);

    /** Stored bytes being read, and how many there are. */
    record Content(InputStream stream, long size) {
    }

    /** A key that holds bytes, and when they were written. */
    record StoredObject(String key, Instant written) {
    }

    /** The response headers a link serves the bytes with. */
    record ServedAs(String contentType, String contentDisposition) {
    }
}
