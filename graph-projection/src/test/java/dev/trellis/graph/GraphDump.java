package dev.trellis.graph;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole graph as sorted lines of text, one per node (its label, id or key, every property) and one
 * per relationship, so two graphs compare as equal lists and a difference reads as a diff.
 */
public final class GraphDump {

    private GraphDump() {
    }

    public static List<String> of(Driver driver) {
        List<String> lines = new ArrayList<>();
        for (Record record : driver.session().executeRead(tx -> tx.run("MATCH (n) RETURN n").list())) {
            lines.add(node(record.get("n").asNode()));
        }
        for (Record record : driver.session().executeRead(tx -> tx.run(
                "MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to").list())) {
            lines.add("(" + record.get("from").asString() + ")-[:" + record.get("type").asString() + "]->("
                    + record.get("to").asString() + ")");
        }
        lines.sort(null);
        return lines;
    }

    /** The graph without anything: for tests that share one Neo4j. */
    public static void clear(Driver driver) {
        driver.session().executeWriteWithoutResult(tx -> tx.run("MATCH (n) DETACH DELETE n").consume());
    }

    static String node(Node node) {
        Map<String, String> properties = new TreeMap<>();
        node.asMap(Value::toString).forEach(properties::put);
        return "(:" + String.join(":", node.labels()) + " " + properties + ")";
    }
}
