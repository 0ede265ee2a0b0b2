package dev.trellis.graph.check.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The point the check compares at: a REPEATABLE READ, read-only transaction on PostgreSQL, open for the
 * whole comparison, and the outbox position of the newest event it sees. Its snapshot is exported, so that
 * further connections read the very same state in parallel ({@code SET TRANSACTION SNAPSHOT}, as
 * {@code pg_dump --jobs} does).
 */
public final class PostgresSnapshot implements AutoCloseable {

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

    private final PostgresEndpoint endpoint;
    private final Connection connection;
    private final String snapshotId;
    private final long position;

    private PostgresSnapshot(PostgresEndpoint endpoint, Connection connection, String snapshotId, long position) {
        this.endpoint = endpoint;
        this.connection = connection;
        this.snapshotId = snapshotId;
        this.position = position;
    }

    public static PostgresSnapshot open(PostgresEndpoint endpoint) throws SQLException {
        Connection connection = endpoint.connect();
        try {
            beginRepeatableRead(connection);
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("select pg_export_snapshot(), coalesce((select max(position) from outbox), 0)")) {
                result.next();
                return new PostgresSnapshot(endpoint, connection, result.getString(1), result.getLong(2));
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The outbox position of the newest event committed before the snapshot (0: the outbox is empty). */
    public long position() {
        return position;
    }

    public Connection connection() {
        return connection;
    }

    /** A further connection in the same snapshot; the caller closes it. */
    public Connection join() throws SQLException {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new IllegalStateException("unexpected snapshot id from PostgreSQL: " + snapshotId);
        }
        Connection joined = endpoint.connect();
        try {
            beginRepeatableRead(joined);
            try (Statement statement = joined.createStatement()) {
                statement.execute("set transaction snapshot '" + snapshotId + "'");
            }
            return joined;
        } catch (SQLException | RuntimeException e) {
            joined.close();
            throw e;
        }
    }

    private static void beginRepeatableRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
