package dev.trellis.graph.check;

import dev.trellis.graph.check.postgres.PostgresEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckSettingsTest {

    @Test
    void defaults_are_the_applications_embedded_stores_and_the_projections_names(@TempDir Path home) {
        CheckSettings settings = CheckSettings.parse(new String[0], Map.of("TRELLIS_DATA_DIR", home.toString()));

        assertThat(settings.postgres()).isEqualTo(new PostgresEndpoint("jdbc:postgresql://localhost:54329/trellis", "postgres", null));
        assertThat(settings.neo4jUri()).isEqualTo("bolt://localhost:7687");
        assertThat(settings.neo4jUser()).isNull();
        assertThat(settings.kafka()).isEqualTo("localhost:9092");
        assertThat(settings.topicPrefix()).isEqualTo("trellis");
        assertThat(settings.group()).isEqualTo("trellis-graph");
        assertThat(settings.relay()).as("found in relay_progress when the check starts").isNull();
        assertThat(settings.examples()).isEqualTo(20);
        assertThat(settings.rangesPerKind()).isZero();
        assertThat(settings.waitForCatchUp()).isTrue();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void the_embedded_database_is_found_on_the_port_its_running_server_wrote_down(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("postgres"));
        Files.writeString(home.resolve("postgres/postmaster.pid"), "4242\n" + home.resolve("postgres") + "\n1765000000\n55432\n/tmp\nlocalhost\n");

        assertThat(CheckSettings.parse(new String[0], Map.of("TRELLIS_DATA_DIR", home.toString())).postgres().jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:55432/trellis");
        assertThat(CheckSettings.parse(new String[0], Map.of("TRELLIS_DATA_DIR", home.resolve("elsewhere").toString(),
                "TRELLIS_EMBEDDED_DATABASE_PORT", "54400")).postgres().jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:54400/trellis");
    }

    @Test
    void database_url_takes_the_form_the_application_takes() {
        CheckSettings settings = CheckSettings.parse(new String[0], Map.of(
                "DATABASE_URL", "postgresql://ann:s%40cret@db.example:6543/trellis?sslmode=require&application_name=check"));

        assertThat(settings.postgres()).isEqualTo(new PostgresEndpoint(
                "jdbc:postgresql://db.example:6543/trellis?sslmode=require&ApplicationName=check", "ann", "s@cret"));
        assertThat(settings.postgres().describe()).isEqualTo("db.example:6543/trellis");
        assertThat(CheckSettings.parse(new String[0], Map.of("DATABASE_URL", "postgres://db.example/trellis")).postgres())
                .isEqualTo(new PostgresEndpoint("jdbc:postgresql://db.example/trellis", null, null));
        assertThatThrownBy(() -> CheckSettings.parse(new String[0], Map.of("DATABASE_URL", "mysql://db.example/trellis")))
                .hasMessageContaining("must start with postgresql:// or postgres://");
    }

    @Test
    void options_win_over_the_environment() {
        CheckSettings settings = CheckSettings.parse(new String[]{"check", "--jdbc-url=jdbc:postgresql://h:1/d", "--db-user=u",
                        "--db-password=p", "--neo4j-uri=bolt://g:7", "--kafka=k:9", "--topic-prefix=t", "--group=g", "--relay=r",
                        "--examples=3", "--buckets=64", "--no-wait", "--timeout=1.5s"},
                Map.of("DATABASE_URL", "postgresql://x@y/z", "NEO4J_URI", "bolt://other:1", "NEO4J_USERNAME", "neo4j",
                        "NEO4J_PASSWORD", "secret", "KAFKA_BOOTSTRAP_SERVERS", "other:9", "TRELLIS_TOPIC_PREFIX", "other",
                        "TRELLIS_GRAPH_GROUP_ID", "other"));

        assertThat(settings.postgres()).isEqualTo(new PostgresEndpoint("jdbc:postgresql://h:1/d", "u", "p"));
        assertThat(settings.neo4jUri()).isEqualTo("bolt://g:7");
        assertThat(settings.neo4jUser()).isEqualTo("neo4j");
        assertThat(settings.neo4jPassword()).isEqualTo("secret");
        assertThat(settings.kafka()).isEqualTo("k:9");
        assertThat(settings.topicPrefix()).isEqualTo("t");
        assertThat(settings.group()).isEqualTo("g");
        assertThat(settings.relay()).isEqualTo("r");
        assertThat(settings.examples()).isEqualTo(3);
        assertThat(settings.rangesPerKind()).isEqualTo(64);
        assertThat(settings.waitForCatchUp()).isFalse();
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(CheckSettings.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CheckSettings.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CheckSettings.duration("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_wrong_option_or_an_unreachable_graph_ends_with_exit_code_2_and_says_why() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        assertThat(CheckCommand.run(new String[]{"--examples=many"}, Map.of(), out)).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(CheckCommand.run(new String[]{"--frobnicate"}, Map.of(), out)).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(CheckCommand.run(new String[]{"--no-wait", "--neo4j-uri=bolt://127.0.0.1:1"}, Map.of(), out)).isEqualTo(CheckCommand.NOT_CHECKED);

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("--examples must be a number, not many")
                .contains("Unknown option --frobnicate")
                .contains("Usage: java -jar trellis-graph.jar check [options]")
                .contains("NOT CHECKED: could not reach Neo4j at bolt://127.0.0.1:1");
    }
}
