package dev.trellis.domain.shared;

/**
 * A failure the domain knows by name. {@link #code()} is stable (clients and the HTTP layer
 * switch on it); {@link #field()} names the offending input where there is one.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final String field;

    protected DomainException(String code, String field, String message) {
        this(code, field, message, null);
    }

    protected DomainException(String code, String field, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    /** The input field at fault, or {@code null} when the failure is not about one field. */
    public String field() {
        return field;
    }
}
