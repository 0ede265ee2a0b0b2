package dev.trellis.graph.check;

import dev.trellis.graph.check.postgres.PostgresEndpoint;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The check command's settings: options first, then environment variables, then defaults. */
record CheckSettings(PostgresEndpoint postgres, String neo4jUri, String neo4jUser, String neo4jPassword, String kafka,
                     String topicPrefix, String group, String relay, int examples, int rangesPerKind, boolean waitForCatchUp,
                     Duration timeout, boolean help) {

    static final String USAGE = """
            Usage: java -jar trellis-graph.jar check [options]
            Compares the graph with PostgreSQL (every node, property and relationship, both ways) at a consistent
            point, prints each difference by kind; exit code 0 equal, 1 differences, 2 could not check.
              --jdbc-url=URL --db-user=U --db-password=P   PostgreSQL (else DATABASE_URL=postgresql://user:pass@host:port/db,
                                                          else the application's embedded database)
              --neo4j-uri=URI            NEO4J_URI, default bolt://localhost:7687 (+ NEO4J_USERNAME, NEO4J_PASSWORD)
              --kafka=HOST:PORT          KAFKA_BOOTSTRAP_SERVERS, default localhost:9092
              --topic-prefix=P           TRELLIS_TOPIC_PREFIX, default trellis
              --group=G                  the projection's consumer group: TRELLIS_GRAPH_GROUP_ID, default trellis-graph
              --relay=R                  the relay whose progress to wait for, default the one relay_progress holds
              --timeout=60s              how long to wait for the relay and the projection to catch up
              --no-wait                  compare at once (a quiet system; needs no Kafka)
              --examples=20              examples listed per kind of difference
              --buckets=N                id ranges per kind (default: about 250 rows each)
            """;

    static CheckSettings parse(String[] args, Map<String, String> environment) {
        String jdbcUrl = null;
        String dbUser = null;
        String dbPassword = null;
        String neo4jUri = env(environment, "NEO4J_URI", "bolt://localhost:7687");
        String neo4jUser = env(environment, "NEO4J_USERNAME", null);
        String neo4jPassword = env(environment, "NEO4J_PASSWORD", null);
        String kafka = env(environment, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String topicPrefix = env(environment, "TRELLIS_TOPIC_PREFIX", "trellis");
        String group = env(environment, "TRELLIS_GRAPH_GROUP_ID", "trellis-graph");
        String relay = null; // the one relay of the database, found when the check starts
        int examples = 20;
        int buckets = 0;
        boolean wait = true;
        Duration timeout = Duration.ofSeconds(60);
        boolean help = false;
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "check" -> { } // the command's name, when the main passes it on
                case "--jdbc-url" -> jdbcUrl = required(name, value);
                case "--db-user" -> dbUser = required(name, value);
                case "--db-password" -> dbPassword = value == null ? "" : value;
                case "--neo4j-uri" -> neo4jUri = required(name, value);
                case "--neo4j-user" -> neo4jUser = required(name, value);
                case "--neo4j-password" -> neo4jPassword = value == null ? "" : value;
                case "--kafka" -> kafka = required(name, value);
                case "--topic-prefix" -> topicPrefix = required(name, value);
                case "--group" -> group = required(name, value);
                case "--relay" -> relay = required(name, value);
                case "--examples" -> examples = positive(name, value, true);
                case "--buckets" -> buckets = positive(name, value, false);
                case "--no-wait" -> wait = false;
                case "--timeout" -> timeout = duration(required(name, value));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        PostgresEndpoint postgres;
        if (jdbcUrl != null) {
            postgres = new PostgresEndpoint(jdbcUrl, dbUser, dbPassword);
        } else if (environment.get("DATABASE_URL") != null && !environment.get("DATABASE_URL").isBlank()) {
            PostgresEndpoint fromUrl = PostgresEndpoint.fromDatabaseUrl(environment.get("DATABASE_URL"));
            postgres = new PostgresEndpoint(fromUrl.jdbcUrl(), dbUser != null ? dbUser : fromUrl.username(),
                    dbPassword != null ? dbPassword : fromUrl.password());
        } else {
            PostgresEndpoint embedded = PostgresEndpoint.embedded(environment);
            postgres = new PostgresEndpoint(embedded.jdbcUrl(), dbUser != null ? dbUser : embedded.username(), dbPassword);
        }
        return new CheckSettings(postgres, neo4jUri, neo4jUser, neo4jPassword, kafka, topicPrefix, group, relay, examples, buckets,
                wait, timeout, help);
    }

    private static String env(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value: " + name + "=…");
        }
        return value;
    }

    private static int positive(String name, String value, boolean zeroAllowed) {
        try {
            int number = Integer.parseInt(required(name, value));
            if (number < (zeroAllowed ? 0 : 1)) {
                throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "0 or more" : "1 or more") + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value);
        }
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms}, or plain seconds. */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout must be a duration like 60s, 2m or 500ms, not " + text);
        }
    }
}
