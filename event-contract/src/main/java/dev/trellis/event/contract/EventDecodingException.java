package dev.trellis.event.contract;

/**
 * A record this consumer cannot read as a Trellis event. The message names the record and the remedy;
 * the record is never to be skipped silently: a consumer stops (or parks it where it can be seen).
 */
public final class EventDecodingException extends RuntimeException {

    public enum Reason {
        /** A required CloudEvents header is missing or empty. */
        MISSING_HEADER,
        /** {@code ce_type} names no event type of this contract: a newer producer, or not a Trellis record. */
        UNKNOWN_TYPE,
        /** {@code ce_schemaversion} is a payload version this contract does not know: upgrade the contract. */
        UNKNOWN_SCHEMA_VERSION,
        /** The value is not JSON of the type's shape, or contradicts its headers. */
        MALFORMED_PAYLOAD
    }

    private final Reason reason;

    public EventDecodingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public EventDecodingException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
