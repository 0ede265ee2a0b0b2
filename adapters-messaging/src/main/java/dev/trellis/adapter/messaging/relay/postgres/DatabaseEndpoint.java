package dev.trellis.adapter.messaging.relay.postgres;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the application database is, for the connections the relay opens beside the pool: the
 * replication stream (Debezium) and the leader lock, which must live as long as the leadership.
 */
public record DatabaseEndpoint(String jdbcUrl, String user, String password) {

    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (Driver.parseURL(jdbcUrl, null) == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
    }

    public String host() {
        return url().getProperty("PGHOST").split(",")[0];
    }

    public int port() {
        return Integer.parseInt(url().getProperty("PGPORT", "5432").split(",")[0]);
    }

    public String database() {
        return url().getProperty("PGDBNAME");
    }

    /** libpq's sslmode as the URL gives it ({@code prefer} when absent, the driver's default). */
    public String sslMode() {
        return url().getProperty("sslmode", "prefer");
    }

    public Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        // a dead peer (a partitioned network) must end the leadership, not hang it
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private Properties url() {
        return Driver.parseURL(jdbcUrl, null);
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[" + jdbcUrl + ", user=" + user + "]"; // never the password
    }
}
