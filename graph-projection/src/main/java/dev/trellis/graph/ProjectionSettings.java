package dev.trellis.graph;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The projection's settings, from the environment, each overridable by an argument of the same name:
 * {@code --KAFKA_BOOTSTRAP_SERVERS=host:9092}, also spelled {@code --kafka-bootstrap-servers=…} or
 * {@code --kafka.bootstrap.servers=…}. {@code --from-beginning} asks for a full replay.
 *
 * @param neo4jUri   a Neo4j server, cluster or Aura ({@code neo4j+s://…}); null: the embedded Neo4j
 * @param boltPort   the embedded Neo4j's Bolt port on loopback; 0 picks a free one
 * @param dataDir    the embedded Neo4j's store is {@code <dataDir>/neo4j}
 * @param requestSnapshots on a gap, ask Trellis for a snapshot of its owner on {@code <prefix>.snapshot-requests}
 * @param metricsPort the port of the Prometheus endpoint ({@code /metrics}); 0 picks a free one; -1: none
 */
public record ProjectionSettings(String bootstrapServers, String topicPrefix, String groupId, String neo4jUri,
                                 String neo4jUsername, String neo4jPassword, String neo4jDatabase, int boltPort,
                                 Path dataDir, boolean fromBeginning, boolean requestSnapshots, int metricsPort) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String TRELLIS_TOPIC_PREFIX = "TRELLIS_TOPIC_PREFIX";
    public static final String TRELLIS_GRAPH_GROUP_ID = "TRELLIS_GRAPH_GROUP_ID";
    public static final String NEO4J_URI = "NEO4J_URI";
    public static final String NEO4J_USERNAME = "NEO4J_USERNAME";
    public static final String NEO4J_PASSWORD = "NEO4J_PASSWORD";
    public static final String NEO4J_DATABASE = "NEO4J_DATABASE";
    public static final String NEO4J_BOLT_PORT = "NEO4J_BOLT_PORT";
    public static final String TRELLIS_DATA_DIR = "TRELLIS_DATA_DIR";
    public static final String TRELLIS_GRAPH_REQUEST_SNAPSHOTS = "TRELLIS_GRAPH_REQUEST_SNAPSHOTS";
    public static final String TRELLIS_GRAPH_METRICS_PORT = "TRELLIS_GRAPH_METRICS_PORT";
    public static final String FROM_BEGINNING = "--from-beginning";

    private static final List<String> NAMES = List.of(KAFKA_BOOTSTRAP_SERVERS, TRELLIS_TOPIC_PREFIX, TRELLIS_GRAPH_GROUP_ID,
            NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, NEO4J_BOLT_PORT, TRELLIS_DATA_DIR,
            TRELLIS_GRAPH_REQUEST_SNAPSHOTS, TRELLIS_GRAPH_METRICS_PORT);

    public boolean embedded() {
        return neo4jUri == null;
    }

    public Path neo4jStore() {
        return dataDir.resolve("neo4j");
    }

    /**
     * @throws InvalidSettings naming the argument or value and what is expected
     */
    public static ProjectionSettings from(String[] args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        }
        boolean fromBeginning = false;
        for (String arg : args) {
            if (arg.equals(FROM_BEGINNING)) {
                fromBeginning = true;
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new InvalidSettings("unknown argument " + arg + "; expected --from-beginning or --NAME=value with NAME one of "
                        + String.join(", ", NAMES));
            }
            String name = arg.substring(2, equals).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            if (!NAMES.contains(name)) {
                throw new InvalidSettings("unknown setting " + arg.substring(0, equals) + "; known: " + String.join(", ", NAMES));
            }
            values.put(name, arg.substring(equals + 1).trim());
        }
        int boltPort = port(NEO4J_BOLT_PORT, values.getOrDefault(NEO4J_BOLT_PORT, "7687"));
        int metricsPort = values.containsKey(TRELLIS_GRAPH_METRICS_PORT)
                ? port(TRELLIS_GRAPH_METRICS_PORT, values.get(TRELLIS_GRAPH_METRICS_PORT)) : -1;
        String requestSnapshots = values.getOrDefault(TRELLIS_GRAPH_REQUEST_SNAPSHOTS, "false");
        if (!requestSnapshots.equalsIgnoreCase("true") && !requestSnapshots.equalsIgnoreCase("false")) {
            throw new InvalidSettings(TRELLIS_GRAPH_REQUEST_SNAPSHOTS + "=" + requestSnapshots + " is neither true nor false");
        }
        String dataDir = values.getOrDefault(TRELLIS_DATA_DIR, Path.of(System.getProperty("user.home"), ".trellis").toString());
        return new ProjectionSettings(values.getOrDefault(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092"),
                values.getOrDefault(TRELLIS_TOPIC_PREFIX, "trellis"), values.getOrDefault(TRELLIS_GRAPH_GROUP_ID, "trellis-graph"),
                emptyToNull(values.get(NEO4J_URI)), emptyToNull(values.get(NEO4J_USERNAME)), values.get(NEO4J_PASSWORD),
                emptyToNull(values.get(NEO4J_DATABASE)), boltPort, Path.of(dataDir), fromBeginning,
                Boolean.parseBoolean(requestSnapshots), metricsPort);
    }

    private static int port(String name, String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSettings(name + "=" + value + " is no port (0 to 65535; 0 picks a free one)");
        }
        return port;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Where the graph lives, for the start-up line (never the password). */
    public String describeNeo4j(String boltUri) {
        return embedded()
                ? "embedded Neo4j in " + neo4jStore().toAbsolutePath() + ", Bolt at " + boltUri + " (no auth)"
                : "Neo4j at " + neo4jUri + (neo4jUsername == null ? "" : " as " + neo4jUsername)
                        + (neo4jDatabase == null ? "" : ", database " + neo4jDatabase);
    }

    @Override
    public String toString() {
        // the password stays out of logs
        return "ProjectionSettings[" + bootstrapServers + ", " + topicPrefix + ", " + groupId + ", "
                + (embedded() ? "embedded:" + boltPort : neo4jUri) + ", " + dataDir + ", fromBeginning=" + fromBeginning
                + ", requestSnapshots=" + requestSnapshots + ", metricsPort=" + metricsPort + "]";
    }

    /** A setting that cannot be used; the message says which and why. */
    public static final class InvalidSettings extends RuntimeException {
        public InvalidSettings(String message) {
            super(message);
        }
    }
}
