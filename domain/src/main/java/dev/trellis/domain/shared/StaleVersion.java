package dev.trellis.domain.shared;

/** Someone changed the record since it was read: optimistic locking refused the write. */
public final class StaleVersion extends DomainException {

    public StaleVersion(String resource, Object id) {
        super(resource + ".stale_version", null,
                resource + " " + id + " was changed by someone else; read it again and retry");
    }
}
