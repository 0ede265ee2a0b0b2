package dev.trellis.application;

import dev.trellis.domain.shared.DomainException;

/** An {@code If-Match} that names another version than the stored one: the caller's copy is stale. */
public final class PreconditionFailed extends DomainException {

    public PreconditionFailed(String resource, Object id, long expected, long actual) {
        super(resource + ".precondition_failed", null,
                resource + " " + id + " is at version " + actual + ", not " + expected + "; read it again");
    }

    /** Throws when {@code expected} is given and differs from {@code actual}. */
    public static void check(String resource, Object id, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new PreconditionFailed(resource, id, expected, actual);
        }
    }
}
