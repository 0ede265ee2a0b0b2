package dev.trellis.domain.shared;

/**
 * What a storage adapter reports when the database refuses a statement. Adapters translate the
 * database's own codes (PostgreSQL's SQLSTATE) into these types; the web layer turns them into
 * HTTP in one place. Messages never carry SQL.
 */
public abstract sealed class DataAccessFailure extends DomainException
        permits DataAccessFailure.DuplicateValue, DataAccessFailure.MissingReference,
        DataAccessFailure.MissingValue, DataAccessFailure.RejectedValue, DataAccessFailure.QueryTimeout,
        DataAccessFailure.StorageUnavailable {

    private final String constraint;

    private DataAccessFailure(String code, String constraint, String message, Throwable cause) {
        super(code, null, message, cause);
        this.constraint = constraint;
    }

    /** The database constraint that refused the write, when the database named one. */
    public String constraint() {
        return constraint;
    }

    /** Unique violation: a record with this value already exists. */
    public static final class DuplicateValue extends DataAccessFailure {
        public DuplicateValue(String constraint, Throwable cause) {
            super("data.duplicate", constraint, "A record with this value already exists.", cause);
        }
    }

    /** Foreign-key violation: the write points at a record that does not exist. */
    public static final class MissingReference extends DataAccessFailure {
        public MissingReference(String constraint, Throwable cause) {
            super("data.reference_missing", constraint, "Referenced record does not exist.", cause);
        }
    }

    /** Not-null violation: a required value is missing. */
    public static final class MissingValue extends DataAccessFailure {
        public MissingValue(String constraint, Throwable cause) {
            super("data.value_missing", constraint, "Required field is missing.", cause);
        }
    }

    /** Check violation: the database's own rule refused the value. */
    public static final class RejectedValue extends DataAccessFailure {
        public RejectedValue(String constraint, Throwable cause) {
            super("data.value_rejected", constraint, "Invalid value provided.", cause);
        }
    }

    /** The statement ran past its time limit and was cancelled. */
    public static final class QueryTimeout extends DataAccessFailure {
        public QueryTimeout(Throwable cause) {
            super("data.timeout", null, "Request timeout.", cause);
        }
    }

    /** Anything else: the database failed in a way the caller cannot fix. */
    public static final class StorageUnavailable extends DataAccessFailure {
        public StorageUnavailable(Throwable cause) {
            super("data.unavailable", null, "Database error occurred.", cause);
        }
    }
}
