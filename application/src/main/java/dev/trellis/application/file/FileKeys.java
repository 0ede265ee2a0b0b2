package dev.trellis.application.file;

import java.util.Collection;
import java.util.List;

/**
 * The rows' side of the files' bookkeeping: the storage keys file rows point at, and the keys of rows
 * deleted by anyone (a use case, a cascade from a deleted user, plain SQL, a Better Auth server on the
 * same database) whose bytes are still to be removed. Port; the persistence adapter implements it.
 */
public interface FileKeys {

    /** Up to {@code limit} storage keys of file rows after {@code after} (null: from the first), ascending as {@link String#compareTo}. */
    List<String> after(String after, int limit);

    /** Whether a file row points at {@code key}. */
    boolean exists(String key);

    /** Up to {@code limit} keys whose rows were deleted and no row points at any more, oldest deletion first. */
    List<String> deleted(int limit);

    /** How many keys wait in the deletion queue. */
    long deletedCount();

    /** Takes {@code keys} off the deletion queue (their bytes are gone). */
    void forget(Collection<String> keys);
}
