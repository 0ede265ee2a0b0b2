package dev.trellis.domain.shared;

/** The record does not exist, or is not the caller's to see (both look the same from outside). */
public final class NotFound extends DomainException {

    private final String resource;
    private final String id;

    public NotFound(String resource, Object id) {
        super(resource + ".not_found", null, resource + " " + id + " not found");
        this.resource = resource;
        this.id = String.valueOf(id);
    }

    public String resource() {
        return resource;
    }

    public String id() {
        return id;
    }
}
