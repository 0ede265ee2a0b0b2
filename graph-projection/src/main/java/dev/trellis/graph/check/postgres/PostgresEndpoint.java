package dev.trellis.graph.check.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the truth is: a JDBC URL and credentials. From {@code DATABASE_URL} in the form the application
 * takes ({@code postgresql://user:password@host:port/db?sslmode=require}, or {@code postgres://}), or by
 * default the application's embedded database: the server running on {@code <TRELLIS_DATA_DIR>/postgres}
 * (default {@code ~/.trellis/postgres}), on the port its {@code postmaster.pid} names, else
 * {@code TRELLIS_EMBEDDED_DATABASE_PORT} or 54329; database {@code trellis}, user {@code postgres}, no password.
 */
public record PostgresEndpoint(String jdbcUrl, String username, String password) {

    static final int EMBEDDED_DEFAULT_PORT = 54329;
    static final String EMBEDDED_DATABASE = "trellis";
    static final String EMBEDDED_USER = "postgres";

    /** libpq parameter names that the JDBC driver spells differently. */
    private static final List<String[]> RENAMED_PARAMETERS = List.of(
            new String[]{"channel_binding", "channelBinding"},
            new String[]{"connect_timeout", "connectTimeout"},
            new String[]{"application_name", "ApplicationName"});

    public static PostgresEndpoint fromDatabaseUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a URL (" + e.getReason() + "); expected postgresql://user:password@host:port/database");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// or postgres://, not "
                    + (scheme == null ? "nothing" : scheme + "://"));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL has no host; expected postgresql://user:password@host:port/database");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isBlank() || database.contains("/")) {
            throw new IllegalArgumentException("DATABASE_URL names no database; expected postgresql://user:password@host:port/database");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            username = decode(userInfo[0]);
            password = userInfo.length > 1 ? decode(userInfo[1]) : null;
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        List<String> parameters = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (!parameter.isEmpty()) {
                    parameters.add(renamed(parameter));
                }
            }
        }
        if (!parameters.isEmpty()) {
            jdbc.append('?').append(String.join("&", parameters));
        }
        return new PostgresEndpoint(jdbc.toString(), username == null || username.isEmpty() ? null : username, password);
    }

    /** The application's embedded PostgreSQL, found the way the application's own commands attach to it. */
    public static PostgresEndpoint embedded(Map<String, String> environment) {
        String dataDir = environment.get("TRELLIS_DATA_DIR");
        Path folder = (dataDir == null || dataDir.isBlank() ? Path.of(System.getProperty("user.home"), ".trellis") : Path.of(dataDir))
                .resolve("postgres");
        int port = postmasterPort(folder).orElseGet(() -> {
            String configured = environment.get("TRELLIS_EMBEDDED_DATABASE_PORT");
            return configured == null || configured.isBlank() ? EMBEDDED_DEFAULT_PORT : Integer.parseInt(configured.strip());
        });
        return new PostgresEndpoint("jdbc:postgresql://localhost:" + port + "/" + EMBEDDED_DATABASE, EMBEDDED_USER, null);
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "trellis-graph-check");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Host, port and database, never the password. */
    public String describe() {
        String withoutPrefix = jdbcUrl.startsWith("jdbc:postgresql://") ? jdbcUrl.substring("jdbc:postgresql://".length()) : jdbcUrl;
        int query = withoutPrefix.indexOf('?');
        return query < 0 ? withoutPrefix : withoutPrefix.substring(0, query);
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + describe() + ", user " + username + "]";
    }

    /** The 4th line of {@code postmaster.pid} is the port the running server listens on. */
    private static java.util.Optional<Integer> postmasterPort(Path folder) {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("postmaster.pid"));
            return lines.size() < 4 ? java.util.Optional.empty() : java.util.Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String renamed(String parameter) {
        for (String[] pair : RENAMED_PARAMETERS) {
            if (parameter.startsWith(pair[0] + "=")) {
                return pair[1] + parameter.substring(pair[0].length());
            }
        }
        return parameter;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
