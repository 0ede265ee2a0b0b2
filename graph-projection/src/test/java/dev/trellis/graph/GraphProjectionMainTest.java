package dev.trellis.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings, and start-up problems ending in one line that names the setting to change. */
class GraphProjectionMainTest {

    @TempDir
    Path dir;

    @Test
    void settings_come_from_the_environment_and_arguments_override_them() {
        ProjectionSettings defaults = ProjectionSettings.from(new String[0], Map.of());
        assertThat(defaults.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(defaults.topicPrefix()).isEqualTo("trellis");
        assertThat(defaults.groupId()).isEqualTo("trellis-graph");
        assertThat(defaults.embedded()).isTrue();
        assertThat(defaults.boltPort()).isEqualTo(7687);
        assertThat(defaults.neo4jStore()).isEqualTo(Path.of(System.getProperty("user.home"), ".trellis", "neo4j"));
        assertThat(defaults.fromBeginning()).isFalse();
        assertThat(defaults.requestSnapshots()).isFalse();

        ProjectionSettings given = ProjectionSettings.from(
                new String[]{"--kafka-bootstrap-servers=broker:9093", "--TRELLIS_GRAPH_GROUP_ID=g2", "--neo4j.bolt.port=0", "--from-beginning"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "TRELLIS_TOPIC_PREFIX", "acme", "TRELLIS_DATA_DIR", "/var/trellis",
                        "NEO4J_URI", "neo4j+s://x.databases.neo4j.io", "NEO4J_USERNAME", "neo4j", "NEO4J_PASSWORD", "secret",
                        "TRELLIS_GRAPH_REQUEST_SNAPSHOTS", "TRUE"));
        assertThat(given.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(given.topicPrefix()).isEqualTo("acme");
        assertThat(given.groupId()).isEqualTo("g2");
        assertThat(given.boltPort()).isZero();
        assertThat(given.neo4jStore()).isEqualTo(Path.of("/var/trellis/neo4j"));
        assertThat(given.embedded()).isFalse();
        assertThat(given.fromBeginning()).isTrue();
        assertThat(given.requestSnapshots()).isTrue();
        assertThat(ProjectionSettings.from(new String[]{"--trellis-graph-request-snapshots=false"}, Map.of(
                "TRELLIS_GRAPH_REQUEST_SNAPSHOTS", "true")).requestSnapshots()).isFalse();
        assertThat(given.toString()).doesNotContain("secret");
        assertThat(given.describeNeo4j(given.neo4jUri())).doesNotContain("secret");

        assertThatThrownBy(() -> ProjectionSettings.from(new String[]{"--neo4j-bolt-port=seven"}, Map.of()))
                .hasMessageContaining("NEO4J_BOLT_PORT=seven is no port");
        assertThatThrownBy(() -> ProjectionSettings.from(new String[0], Map.of("TRELLIS_GRAPH_REQUEST_SNAPSHOTS", "yes")))
                .hasMessageContaining("TRELLIS_GRAPH_REQUEST_SNAPSHOTS=yes is neither true nor false");
        assertThatThrownBy(() -> ProjectionSettings.from(new String[]{"--colour=red"}, Map.of()))
                .hasMessageContaining("unknown setting --colour");
        assertThat(GraphProjectionMain.run(new String[]{"--colour=red"}, Map.of())).isEqualTo(2);
        assertThat(GraphProjectionMain.run(new String[]{"frobnicate"}, Map.of())).isEqualTo(2);
    }

    @Test
    void kafka_that_does_not_answer_stops_the_start_in_one_line() throws IOException {
        int closed = freePort();
        ProjectionSettings settings = ProjectionSettings.from(new String[0], Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed, "TRELLIS_DATA_DIR", dir.toString()));

        assertThatThrownBy(() -> ProjectionService.start(settings, Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .isInstanceOf(ProjectionService.StartupFailure.class)
                .hasMessage("Kafka at 127.0.0.1:" + closed + " did not answer within 1 s; start Trellis (its embedded broker "
                        + "listens on localhost:9092) or set KAFKA_BOOTSTRAP_SERVERS to your brokers");
    }

    @Test
    void a_taken_bolt_port_stops_the_start_in_one_line_and_a_non_zero_exit() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> environment = environment();
            environment.put("NEO4J_BOLT_PORT", Integer.toString(taken.getLocalPort()));

            assertThatThrownBy(() -> ProjectionService.start(ProjectionSettings.from(new String[0], environment)))
                    .isInstanceOf(ProjectionService.StartupFailure.class)
                    .hasMessageStartingWith("EmbeddedNeo4j.BoltPortInUse: Bolt port " + taken.getLocalPort() + " is in use")
                    .hasMessageContaining("NEO4J_BOLT_PORT");
            assertThat(GraphProjectionMain.run(new String[0], environment)).isEqualTo(1);
        }
    }

    @Test
    void a_neo4j_server_that_is_not_there_or_refuses_the_credentials_stops_the_start_in_one_line() throws IOException {
        Map<String, String> environment = environment();
        int closed = freePort();
        environment.put("NEO4J_URI", "bolt://127.0.0.1:" + closed);
        assertThatThrownBy(() -> ProjectionService.start(ProjectionSettings.from(new String[0], environment)))
                .isInstanceOf(ProjectionService.StartupFailure.class)
                .hasMessageStartingWith("Neo4j at bolt://127.0.0.1:" + closed + " is not reachable")
                .hasMessageEndingWith("check NEO4J_URI");

        // a server with authentication, as a real one has
        int port = freePort();
        DatabaseManagementService server = new DatabaseManagementServiceBuilder(dir.resolve("secured"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .build();
        try {
            environment.put("NEO4J_URI", "bolt://127.0.0.1:" + port);
            environment.put("NEO4J_USERNAME", "neo4j");
            environment.put("NEO4J_PASSWORD", "not-the-password");
            assertThatThrownBy(() -> ProjectionService.start(ProjectionSettings.from(new String[0], environment)))
                    .isInstanceOf(ProjectionService.StartupFailure.class)
                    .hasMessage("Neo4j at bolt://127.0.0.1:" + port + " refused the credentials of neo4j: set NEO4J_USERNAME and "
                            + "NEO4J_PASSWORD");
        } finally {
            server.shutdown();
        }
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
        environment.put("TRELLIS_DATA_DIR", dir.toString());
        return environment;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
