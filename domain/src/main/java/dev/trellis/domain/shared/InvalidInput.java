package dev.trellis.domain.shared;

/** A value that breaks a domain rule, e.g. a blank title or a colour that is not {@code #rrggbb}. */
public final class InvalidInput extends DomainException {

    public InvalidInput(String field, String code, String message) {
        super(code, field, field + " " + message);
    }

    public static InvalidInput required(String field) {
        return new InvalidInput(field, "value.required", "is required");
    }
}
