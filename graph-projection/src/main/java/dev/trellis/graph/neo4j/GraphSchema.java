package dev.trellis.graph.neo4j;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * The uniqueness constraints and indexes of GRAPH.md, created at start when missing ({@code IF NOT EXISTS}:
 * a second instance, or a restart, changes nothing). Each in its own transaction: Neo4j does not mix schema
 * and data changes, and two instances starting together may race on one (retried as a transient error).
 */
public final class GraphSchema {

    private GraphSchema() {
    }

    public static void ensure(Driver driver, String database) {
        SessionConfig config = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
        try (Session session = driver.session(config)) {
            for (String statement : GraphStatements.SCHEMA) {
                session.executeWriteWithoutResult(tx -> tx.run(statement).consume());
            }
            session.run(GraphStatements.AWAIT_INDEXES).consume();
        }
    }
}
