package dev.trellis.event.consumer;

import dev.trellis.event.consumer.jdbc.JdbcAppliedVersions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL server per test JVM (zonky's binaries from Maven Central), a fresh database per test. */
public final class TestPostgres {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start (as root it needs user namespaces: `unshare -U true`)", e);
            }
        }
        return server;
    }

    /** A new, empty database with the kit's table. */
    public static DataSource freshDatabase() {
        String name = "consumer_" + SEQUENCE.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        DataSource dataSource = server().getDatabase("postgres", name);
        try (Connection connection = dataSource.getConnection()) {
            JdbcAppliedVersions.createTableIfMissing(connection, JdbcAppliedVersions.DEFAULT_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }
}
