package dev.trellis.application;

import dev.trellis.domain.shared.DomainException;

/** The request is valid but the records' current state refuses it (e.g. deleting a tag others use). */
public final class ConflictingState extends DomainException {

    public ConflictingState(String code, String message) {
        super(code, null, message);
    }
}
