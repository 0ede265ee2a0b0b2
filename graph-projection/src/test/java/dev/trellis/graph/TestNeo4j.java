package dev.trellis.graph;

import dev.trellis.graph.neo4j.EmbeddedNeo4j;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One embedded Neo4j per test JVM (free Bolt port, store in a temporary folder), reached over Bolt like
 * any server; started on first use, stopped when the JVM exits. Tests empty the graph before they use it.
 */
public final class TestNeo4j {

    private static EmbeddedNeo4j neo4j;
    private static Driver driver;

    private TestNeo4j() {
    }

    public static synchronized Driver driver() {
        if (neo4j == null) {
            try {
                neo4j = EmbeddedNeo4j.start(Files.createTempDirectory("trellis-test-neo4j"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                driver.close();
                neo4j.close();
            }, "test-neo4j-shutdown"));
        }
        return driver;
    }

    public static String boltUri() {
        driver();
        return neo4j.boltUri();
    }
}
