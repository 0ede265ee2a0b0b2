package dev.trellis.application;

import dev.trellis.domain.shared.DomainException;

/** The caller may see the record but not do this to it (e.g. change a tag someone else created). */
public final class Forbidden extends DomainException {

    public Forbidden(String code, String message) {
        super(code, null, message);
    }
}
