package dev.trellis.adapter.persistence.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL server per test JVM, from Maven Central's binaries (no Docker, no install).
 * Logical decoding is on so the outbox relay can be tested against the same server. Like every
 * throwaway test server it runs with fsync off; the application's embedded default does not.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "10")
                        .setServerConfig("max_wal_senders", "10")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start (as root it needs user namespaces: `unshare -U true`)", e);
            }
        }
        return server;
    }

    /** The JDBC URL of the server's {@code postgres} database. */
    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A new, empty database on the shared server, for tests that need their own schema history. */
    public static DataSource freshDatabase(String name) {
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server().getDatabase("postgres", name);
    }
}
