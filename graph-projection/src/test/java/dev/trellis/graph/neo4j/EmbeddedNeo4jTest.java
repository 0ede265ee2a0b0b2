package dev.trellis.graph.neo4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedNeo4jTest {

    @Test
    void serves_bolt_on_loopback_and_refuses_a_taken_port_in_one_clear_line(@TempDir Path dir) {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"), 0);
             Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            assertThat(driver.executableQuery("RETURN 41 + 1 AS answer").execute().records().get(0).get("answer").asInt())
                    .isEqualTo(42);

            assertThatThrownBy(() -> EmbeddedNeo4j.start(dir.resolve("other"), neo4j.boltPort()))
                    .isInstanceOf(EmbeddedNeo4j.BoltPortInUse.class)
                    .hasMessageContaining("Bolt port " + neo4j.boltPort() + " is in use")
                    .hasMessageContaining("NEO4J_BOLT_PORT");
        }
    }
}
