package dev.trellis.adapter.persistence;

import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import org.postgresql.util.PSQLException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Turns what PostgreSQL refused into the domain's typed failures, by SQLSTATE. Spring and
 * Spring Data wrap the driver's exception a few levels deep; the SQLSTATE is read from the first
 * {@link SQLException} in the cause chain.
 */
public final class PostgresErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String NOT_NULL_VIOLATION = "23502";
    public static final String CHECK_VIOLATION = "23514";
    public static final String QUERY_CANCELED = "57014";
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private PostgresErrors() {
    }

    /** Runs {@code work}, translating a database failure. Domain exceptions pass through untouched. */
    public static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (org.springframework.dao.DataAccessException e) {
            throw translate(e);
        }
    }

    /**
     * Runs a versioned write: when Spring Data's optimistic lock refuses it (the row's version moved
     * on), throws {@code stale} instead; other failures are translated as usual.
     */
    public static <T> T translateVersioned(Supplier<T> work, Supplier<StaleVersion> stale) {
        try {
            return work.get();
        } catch (org.springframework.dao.DataAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OptimisticLockingFailureException) {
                    throw stale.get();
                }
            }
            throw translate(e);
        }
    }

    public static DataAccessFailure translate(Throwable failure) {
        SQLException sql = firstSqlException(failure);
        String state = sql == null ? null : sql.getSQLState();
        String constraint = constraintOf(sql);
        if (state == null) {
            return new DataAccessFailure.StorageUnavailable(failure);
        }
        return switch (state) {
            case UNIQUE_VIOLATION -> new DataAccessFailure.DuplicateValue(constraint, failure);
            case FOREIGN_KEY_VIOLATION -> new DataAccessFailure.MissingReference(constraint, failure);
            case NOT_NULL_VIOLATION -> new DataAccessFailure.MissingValue(constraint == null ? columnOf(sql) : constraint, failure);
            case CHECK_VIOLATION -> new DataAccessFailure.RejectedValue(constraint, failure);
            case QUERY_CANCELED -> new DataAccessFailure.QueryTimeout(failure);
            default -> new DataAccessFailure.StorageUnavailable(failure);
        };
    }

    /** True when the database refused with {@code sqlState} (e.g. {@link #LOCK_NOT_AVAILABLE}). */
    public static boolean hasState(Throwable failure, String sqlState) {
        SQLException sql = firstSqlException(failure);
        return sql != null && sqlState.equals(sql.getSQLState());
    }

    /**
     * The driver's own exception when there is one (it carries the server's message, with the
     * constraint name); a batched write wraps it in a {@code BatchUpdateException} that has none.
     */
    private static SQLException firstSqlException(Throwable failure) {
        SQLException first = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql) {
                return psql;
            }
            if (first == null && t instanceof SQLException sql) {
                first = sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return first;
    }

    private static String constraintOf(SQLException sql) {
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null ? null : server.getConstraint();
    }

    private static String columnOf(SQLException sql) {
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null ? null : server.getColumn();
    }
}
