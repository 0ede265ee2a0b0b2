package dev.trellis.bootstrap.runtime.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code DATABASE_URL} as Neon and other hosts hand it out —
 * {@code postgresql://user:password@host:port/db?sslmode=require} (or {@code postgres://}; the
 * password and port may be absent) — turned into what JDBC wants.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    /** libpq parameter names that the JDBC driver spells differently. */
    private static final List<String[]> RENAMED_PARAMETERS = List.of(
            new String[]{"channel_binding", "channelBinding"},
            new String[]{"connect_timeout", "connectTimeout"},
            new String[]{"application_name", "ApplicationName"});

    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidDatabaseUrl("DATABASE_URL is empty");
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new InvalidDatabaseUrl("DATABASE_URL is not a URL (" + e.getReason() + "); expected postgresql://user:password@host:port/database");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new InvalidDatabaseUrl("DATABASE_URL must start with postgresql:// or postgres://, not " + (scheme == null ? "nothing" : scheme + "://"));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidDatabaseUrl("DATABASE_URL has no host; expected postgresql://user:password@host:port/database");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isBlank() || database.contains("/")) {
            throw new InvalidDatabaseUrl("DATABASE_URL names no database; expected postgresql://user:password@host:port/database");
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
        return new DatabaseUrl(jdbc.toString(), username == null || username.isEmpty() ? null : username, password);
    }

    /** Host, port and database, never the password: for log lines and error messages. */
    public String describe() {
        String withoutPrefix = jdbcUrl.substring("jdbc:postgresql://".length());
        int query = withoutPrefix.indexOf('?');
        return query < 0 ? withoutPrefix : withoutPrefix.substring(0, query);
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
