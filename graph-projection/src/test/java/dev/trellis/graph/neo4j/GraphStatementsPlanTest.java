package dev.trellis.graph.neo4j;

import dev.trellis.graph.GraphDump;
import dev.trellis.graph.TestNeo4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.summary.Plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the statements may keep the plan made at the warm-up ({@code CYPHER replan=skip}): each reaches every node
 * by a unique index seek, so Cypher plans it the same on an empty graph as on a filled one.
 */
class GraphStatementsPlanTest {

    private static final String PREFIX = "CYPHER replan=skip\n";

    private final Driver driver = TestNeo4j.driver();

    @AfterEach
    void emptyGraph() {
        GraphDump.clear(driver);
    }

    @Test
    void every_statement_keeps_its_first_plan() {
        assertThat(statements()).allSatisfy((name, statement) -> assertThat(statement).as(name).startsWith(PREFIX));
    }

    @Test
    void every_statement_reaches_its_nodes_by_unique_index_seeks_or_from_its_node_and_is_planned_alike_on_an_empty_and_a_filled_graph() {
        GraphSchema.ensure(driver, null);
        GraphDump.clear(driver);
        Map<String, List<String>> onEmpty = plans();

        // many users, items and tombstones, no UPLOADED, CREATED or HAS_FILE yet: counts under which a planner would
        // rather find the former end of a fact by scanning an index of its label than by expanding from the bound node
        try (Session session = driver.session()) {
            session.run("UNWIND range(1, 2000) AS i CREATE (:User {id: 'usr_' + i, version: 1})").consume();
            session.run("UNWIND range(1, 50) AS i CREATE (:Tag {id: 'tag_' + i, version: 1})").consume();
            session.run("UNWIND range(1, 20000) AS i CREATE (:Item {id: 'itm_' + i, version: 1})").consume();
            session.run("UNWIND range(1, 5000) AS i CREATE (:File {id: 'fil_' + i, version: 1})").consume();
            session.run("UNWIND range(1, 5000) AS i CREATE (:Tombstone {key: 'item:itm_gone' + i, version: 2})").consume();
            session.run("MATCH (i:Item) WITH i, 'usr_' + (1 + toInteger(substring(i.id, 4)) % 2000) AS owner "
                    + "MATCH (u:User {id: owner}) CREATE (u)-[:OWNS]->(i)").consume();
            session.run("MATCH (i:Item), (t:Tag) WHERE toInteger(substring(i.id, 4)) % 50 = toInteger(substring(t.id, 4)) - 1 "
                    + "CREATE (i)-[:TAGGED]->(t)").consume();
        }
        Map<String, List<String>> onFilled = plans();

        onEmpty.forEach((name, operators) -> {
            assertThat(operators).as(name).noneMatch(operator -> operator.contains("Scan"));
            assertThat(operators).as(name).filteredOn(operator -> operator.contains("Seek"))
                    .isNotEmpty().allMatch(operator -> operator.startsWith("NodeUniqueIndexSeek"));
            assertThat(onFilled.get(name)).as(name + " planned on 27,050 nodes and 40,000 relationships").isEqualTo(operators);
        });
    }

    private static Map<String, String> statements() {
        Map<String, String> all = new LinkedHashMap<>();
        GraphStatements.APPLIED_VERSIONS.forEach((type, statement) -> all.put("fence of " + type, statement));
        all.put("tombstones", GraphStatements.TOMBSTONES);
        GraphStatements.UPSERT.forEach((type, statement) -> all.put("upsert of " + type, statement));
        GraphStatements.DELETE.forEach((type, statement) -> all.put("deletion of " + type, statement));
        return all;
    }

    /** Each statement planned afresh on the graph as it is now: its operators, depth first. */
    private Map<String, List<String>> plans() {
        Map<String, List<String>> plans = new LinkedHashMap<>();
        try (Session session = driver.session()) {
            statements().forEach((name, statement) -> {
                String fresh = "CYPHER replan=force EXPLAIN " + statement.substring(PREFIX.length());
                Plan plan = session.run(fresh, Map.of("rows", List.of(), "ids", List.of(), "keys", List.of())).consume().plan();
                List<String> operators = new ArrayList<>();
                collect(plan, operators);
                plans.put(name, operators);
            });
        }
        return plans;
    }

    /** The operators, with what reaches nodes and relationships spelled out (an Eager's details list conflicts, in no stable order). */
    private static void collect(Plan plan, List<String> operators) {
        String operator = plan.operatorType().replace("@neo4j", "");
        boolean access = operator.contains("Seek") || operator.contains("Scan") || operator.contains("Expand");
        operators.add(access ? operator + " " + plan.arguments().get("Details") : operator);
        plan.children().forEach(child -> collect(child, operators));
    }
}
