package dev.trellis.graph.check;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.graph.check.postgres.PostgresEndpoint;
import dev.trellis.graph.neo4j.EmbeddedNeo4j;
import org.flywaydb.core.Flyway;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL database with Trellis's migrations (and so its triggers), and a real embedded Neo4j on a
 * free port with the graph's constraints: the two stores a check compares.
 */
final class CheckFixture implements AutoCloseable {

    final String database;
    final DataSource dataSource;
    final Path neo4jDir;
    final EmbeddedNeo4j neo4j;
    final Driver driver;

    CheckFixture(String database) {
        this.database = database;
        this.dataSource = TestPostgres.freshDatabase(database);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        try {
            neo4jDir = Files.createTempDirectory("graph-check-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        neo4j = EmbeddedNeo4j.start(neo4jDir, 0);
        driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(), CheckCommand.driverConfig());
        for (String label : List.of("User", "Item", "Tag", "File")) {
            cypher("CREATE CONSTRAINT IF NOT EXISTS FOR (n:" + label + ") REQUIRE n.id IS UNIQUE");
        }
        cypher("CREATE CONSTRAINT IF NOT EXISTS FOR (t:Tombstone) REQUIRE t.key IS UNIQUE");
    }

    PostgresEndpoint endpoint() {
        return new PostgresEndpoint(jdbcUrl(), "postgres", null);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + database;
    }

    /** Runs the statements in one transaction: the deferred event triggers fire at its commit. */
    void sql(String... statements) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long sqlLong(String query) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void cypher(String query) {
        cypher(query, Map.of());
    }

    void cypher(String query, Map<String, Object> parameters) {
        driver.executableQuery(query).withParameters(parameters).execute();
    }

    void emptyGraph() {
        cypher("MATCH (n) DETACH DELETE n");
    }

    /** Runs the command as the jar would, with these settings instead of the process's environment. */
    Run check(Map<String, String> environment, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("--jdbc-url=" + jdbcUrl(), "--db-user=postgres", "--neo4j-uri=" + neo4j.boltUri()));
        all.addAll(List.of(args));
        int exitCode = CheckCommand.run(all.toArray(String[]::new), environment, out);
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(exitCode, output);
    }

    Run check(String... args) {
        return check(Map.of(), args);
    }

    record Run(int exitCode, String output) {
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
        try (Stream<Path> files = Files.walk(neo4jDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind harms nothing
        }
    }
}
