package dev.trellis.graph.check;

import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.DifferenceType;
import dev.trellis.graph.check.model.Section;
import dev.trellis.graph.check.report.CheckReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.trellis.graph.check.TrellisState.ALICE;
import static dev.trellis.graph.check.TrellisState.BOB;
import static dev.trellis.graph.check.TrellisState.FILE_ONE;
import static dev.trellis.graph.check.TrellisState.FILE_TWO;
import static dev.trellis.graph.check.TrellisState.FIRST;
import static dev.trellis.graph.check.TrellisState.HOME;
import static dev.trellis.graph.check.TrellisState.SECOND;
import static dev.trellis.graph.check.TrellisState.WORK;
import static org.assertj.core.api.Assertions.assertThat;

class GraphCheckerTest {

    static CheckFixture fixture;

    @BeforeAll
    static void stores() {
        fixture = new CheckFixture("graph_checker");
        TrellisState.writePostgres(fixture);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @BeforeEach
    void equalGraph() {
        TrellisState.writeGraph(fixture);
    }

    private CheckReport check(int rangesPerKind) {
        GraphChecker.Options defaults = GraphChecker.Options.defaults();
        return new GraphChecker(fixture.endpoint(), fixture.driver, null,
                new GraphChecker.Options(rangesPerKind, defaults.recheckLimit(), defaults.threads(), defaults.relay(), defaults.group())).check();
    }

    private static List<String> details(CheckReport report, Section section, DifferenceType type) {
        return report.differences(section, type).stream().map(Difference::detail).toList();
    }

    private static List<String> ids(CheckReport report, Section section, DifferenceType type) {
        return report.differences(section, type).stream().map(Difference::aggregateId).toList();
    }

    @ParameterizedTest(name = "{0} id ranges per kind")
    @ValueSource(ints = {1, 3})
    void the_graph_written_as_GRAPH_md_says_equals_postgresql(int ranges) {
        CheckReport report = check(ranges);

        assertThat(report.differences()).isEmpty();
        assertThat(report.position()).isEqualTo(fixture.sqlLong("select max(position) from outbox"));
        assertThat(report.postgresCount(Section.USERS)).isEqualTo(2);
        assertThat(report.graphCount(Section.USERS)).isEqualTo(2);
        assertThat(report.postgresCount(Section.ITEMS)).isEqualTo(2);
        assertThat(report.postgresCount(Section.TAGGED)).isEqualTo(2);
        assertThat(report.graphCount(Section.TAGGED)).isEqualTo(2);
        assertThat(report.postgresCount(Section.UPLOADED)).isEqualTo(2);
        assertThat(report.postgresCount(Section.HAS_FILE)).isEqualTo(1);
        assertThat(report.postgresCount(Section.CREATED)).isEqualTo(1);
    }

    @Test
    void the_command_says_equal_with_exit_code_0() {
        CheckFixture.Run run = fixture.check("--no-wait");

        assertThat(run.exitCode()).isEqualTo(CheckCommand.EQUAL);
        assertThat(run.output())
                .contains("users: 2 in PostgreSQL, 2 in the graph, 0 differences")
                .contains("items: 2 in PostgreSQL, 2 in the graph, 0 differences")
                .contains("OWNS: 2 in PostgreSQL, 2 in the graph, 0 differences")
                .contains("EQUAL: the graph equals PostgreSQL at outbox position");
    }

    @ParameterizedTest(name = "{0} id ranges per kind")
    @ValueSource(ints = {1, 3})
    void a_missing_node_an_extra_node_and_a_leftover_placeholder(int ranges) {
        fixture.cypher("MATCH (f:File {id: $id}) DETACH DELETE f", java.util.Map.of("id", FILE_TWO));
        fixture.cypher("CREATE (:Tag {id: 'tag_extra001', name: 'Extra', color: '#000000', createdAt: datetime('2026-02-01T00:00:00Z'), version: 1})");
        fixture.cypher("CREATE (:Item {id: 'itm_placeholder'})");

        CheckReport report = check(ranges);

        assertThat(ids(report, Section.FILES, DifferenceType.MISSING_NODE)).containsExactly(FILE_TWO);
        assertThat(details(report, Section.UPLOADED, DifferenceType.RELATIONSHIP_MISSING))
                .containsExactly("(:User " + BOB + ")-[:UPLOADED]->(:File " + FILE_TWO + ")");
        assertThat(ids(report, Section.TAGS, DifferenceType.EXTRA_NODE)).containsExactly("tag_extra001");
        assertThat(ids(report, Section.ITEMS, DifferenceType.LEFTOVER_PLACEHOLDER)).containsExactly("itm_placeholder");
        assertThat(report.differences()).hasSize(4);
    }

    @ParameterizedTest(name = "{0} id ranges per kind")
    @ValueSource(ints = {1, 3})
    void a_changed_property_a_timestamp_off_by_a_microsecond_and_null_against_a_value(int ranges) {
        fixture.cypher("MATCH (u:User {id: $id}) SET u.name = 'Robert'", java.util.Map.of("id", BOB));
        fixture.cypher("MATCH (i:Item {id: $id}) SET i.updatedAt = datetime('2026-01-09T00:00:00.654322Z')", java.util.Map.of("id", FIRST));
        fixture.cypher("MATCH (i:Item {id: $id}) SET i.description = 'now with a description'", java.util.Map.of("id", SECOND));
        fixture.cypher("MATCH (u:User {id: $id}) REMOVE u.bio", java.util.Map.of("id", ALICE));

        CheckReport report = check(ranges);

        assertThat(details(report, Section.USERS, DifferenceType.PROPERTY_DIFFERS)).containsExactlyInAnyOrder(
                "name: PostgreSQL \"Bob\", graph \"Robert\"",
                "bio: PostgreSQL \"Gardener\", graph (absent)");
        assertThat(details(report, Section.ITEMS, DifferenceType.PROPERTY_DIFFERS)).containsExactlyInAnyOrder(
                "updatedAt: PostgreSQL 2026-01-09T00:00:00.654321Z, graph 2026-01-09T00:00:00.654322Z",
                "description: PostgreSQL (absent), graph \"now with a description\"");
        assertThat(report.differences()).hasSize(4);
    }

    @Test
    void a_value_of_another_type_a_timestamp_outside_utc_and_a_property_the_model_does_not_have() {
        fixture.cypher("MATCH (f:File {id: $id}) SET f.size = '123', f.storageKey = 'k/one'", java.util.Map.of("id", FILE_ONE));
        fixture.cypher("MATCH (t:Tag {id: $id}) SET t.createdAt = datetime('2026-01-04T01:00:01+01:00')", java.util.Map.of("id", HOME));

        CheckReport report = check(1);

        assertThat(details(report, Section.FILES, DifferenceType.PROPERTY_DIFFERS)).containsExactlyInAnyOrder(
                "size: PostgreSQL 123, graph \"123\"",
                "storageKey: PostgreSQL (absent), graph \"k/one\"");
        assertThat(details(report, Section.TAGS, DifferenceType.PROPERTY_DIFFERS)).containsExactly(
                "createdAt: PostgreSQL 2026-01-04T00:00:01Z, graph 2026-01-04T00:00:01Z[+01:00]");
    }

    @ParameterizedTest(name = "{0} id ranges per kind")
    @ValueSource(ints = {1, 3})
    void a_missing_and_an_extra_relationship_of_each_type(int ranges) {
        fixture.cypher("""
                MATCH (alice:User {id: $alice}), (bob:User {id: $bob}), (first:Item {id: $first}), (second:Item {id: $second}),
                      (work:Tag {id: $work}), (home:Tag {id: $home}), (one:File {id: $one}), (two:File {id: $two})
                MATCH (alice)-[owns:OWNS]->(first), (first)-[tagged:TAGGED]->(home), (first)-[hasFile:HAS_FILE]->(one),
                      (alice)-[uploaded:UPLOADED]->(one), (alice)-[created:CREATED]->(work)
                DELETE owns, tagged, hasFile, uploaded, created
                CREATE (alice)-[:OWNS]->(second), (second)-[:TAGGED]->(work), (first)-[:HAS_FILE]->(two),
                       (alice)-[:UPLOADED]->(two), (bob)-[:CREATED]->(home)
                """, java.util.Map.of("alice", ALICE, "bob", BOB, "first", FIRST, "second", SECOND, "work", WORK, "home", HOME,
                "one", FILE_ONE, "two", FILE_TWO));

        CheckReport report = check(ranges);

        assertThat(details(report, Section.OWNS, DifferenceType.RELATIONSHIP_MISSING)).containsExactly("(:User " + ALICE + ")-[:OWNS]->(:Item " + FIRST + ")");
        assertThat(details(report, Section.OWNS, DifferenceType.RELATIONSHIP_EXTRA)).containsExactly("(:User " + ALICE + ")-[:OWNS]->(:Item " + SECOND + ")");
        assertThat(details(report, Section.TAGGED, DifferenceType.RELATIONSHIP_MISSING)).containsExactly("(:Item " + FIRST + ")-[:TAGGED]->(:Tag " + HOME + ")");
        assertThat(details(report, Section.TAGGED, DifferenceType.RELATIONSHIP_EXTRA)).containsExactly("(:Item " + SECOND + ")-[:TAGGED]->(:Tag " + WORK + ")");
        assertThat(details(report, Section.HAS_FILE, DifferenceType.RELATIONSHIP_MISSING)).containsExactly("(:Item " + FIRST + ")-[:HAS_FILE]->(:File " + FILE_ONE + ")");
        assertThat(details(report, Section.HAS_FILE, DifferenceType.RELATIONSHIP_EXTRA)).containsExactly("(:Item " + FIRST + ")-[:HAS_FILE]->(:File " + FILE_TWO + ")");
        assertThat(details(report, Section.UPLOADED, DifferenceType.RELATIONSHIP_MISSING)).containsExactly("(:User " + ALICE + ")-[:UPLOADED]->(:File " + FILE_ONE + ")");
        assertThat(details(report, Section.UPLOADED, DifferenceType.RELATIONSHIP_EXTRA)).containsExactly("(:User " + ALICE + ")-[:UPLOADED]->(:File " + FILE_TWO + ")");
        assertThat(details(report, Section.CREATED, DifferenceType.RELATIONSHIP_MISSING)).containsExactly("(:User " + ALICE + ")-[:CREATED]->(:Tag " + WORK + ")");
        assertThat(details(report, Section.CREATED, DifferenceType.RELATIONSHIP_EXTRA)).containsExactly("(:User " + BOB + ")-[:CREATED]->(:Tag " + HOME + ")");
        assertThat(report.differences()).hasSize(10);
    }

    @Test
    void a_relationship_to_or_from_a_node_the_model_does_not_put_there() {
        fixture.cypher("MATCH (t:Tag {id: $work}), (i:Item {id: $first}) CREATE (t)-[:OWNS]->(i)", java.util.Map.of("work", WORK, "first", FIRST));
        fixture.cypher("MATCH (u:User {id: $alice}), (t:Tag {id: $home}) CREATE (u)-[:OWNS]->(t)", java.util.Map.of("alice", ALICE, "home", HOME));

        CheckReport report = check(1);

        assertThat(details(report, Section.OWNS, DifferenceType.RELATIONSHIP_EXTRA)).containsExactlyInAnyOrder(
                "(:Tag " + WORK + ")-[:OWNS]->(:Item " + FIRST + ")",
                "(:User " + ALICE + ")-[:OWNS]->(:Tag " + HOME + ") (not from a Item the model has)");
    }

    @Test
    void a_stale_version_a_tombstone_for_a_living_row_and_a_node_without_id() {
        fixture.cypher("MATCH (i:Item {id: $id}) SET i.version = 1", java.util.Map.of("id", FIRST));
        fixture.cypher("CREATE (:Tombstone {key: 'file:' + $id, type: 'file', id: $id, version: 1, deletedAt: datetime()})",
                java.util.Map.of("id", FILE_ONE));
        fixture.cypher("CREATE (:User {name: 'Nobody'})");

        CheckReport report = check(1);

        assertThat(details(report, Section.ITEMS, DifferenceType.VERSION_BEHIND)).containsExactly("graph at version 1, PostgreSQL at version 2");
        assertThat(details(report, Section.FILES, DifferenceType.TOMBSTONE_FOR_LIVING_ROW)).containsExactly("tombstone at version 1, PostgreSQL at version 1");
        assertThat(details(report, Section.USERS, DifferenceType.NODE_WITHOUT_ID)).hasSize(1).allMatch(detail -> detail.endsWith("without id"));
        assertThat(report.differences()).hasSize(3);
    }

    @Test
    void a_version_ahead_of_postgresql_that_stays_ahead_is_reported_after_the_recheck() {
        fixture.cypher("MATCH (i:Item {id: $id}) SET i.version = 3, i.title = 'Third'", java.util.Map.of("id", FIRST));

        CheckReport report = check(1);

        assertThat(report.rechecked()).isEqualTo(1);
        assertThat(report.moving()).isEmpty();
        assertThat(details(report, Section.ITEMS, DifferenceType.VERSION_AHEAD)).containsExactly("graph at version 3, PostgreSQL at version 2");
        assertThat(details(report, Section.ITEMS, DifferenceType.PROPERTY_DIFFERS)).containsExactly("title: PostgreSQL \"First!\", graph \"Third\"");
    }

    @Test
    void the_command_prints_each_kind_with_counts_and_examples_and_exits_1() {
        fixture.cypher("MATCH (u:User {id: $id}) SET u.name = 'Robert', u.email = 'robert@example.com'", java.util.Map.of("id", BOB));
        fixture.cypher("MATCH (i:Item {id: $id}) DETACH DELETE i", java.util.Map.of("id", SECOND));

        CheckFixture.Run run = fixture.check("--no-wait", "--examples=1", "--buckets=2");

        assertThat(run.exitCode()).isEqualTo(CheckCommand.DIFFERENT);
        assertThat(run.output())
                .contains("users: 2 in PostgreSQL, 2 in the graph, 2 differences")
                .contains("  property differs: 2")
                .contains("    " + BOB + ": email: PostgreSQL \"bob@example.com\", graph \"robert@example.com\"")
                .contains("    … and 1 more")
                .contains("items: 2 in PostgreSQL, 1 in the graph, 1 difference")
                .contains("  missing in the graph: 1")
                .contains("    " + SECOND + ": PostgreSQL at version 1")
                .contains("OWNS: 2 in PostgreSQL, 1 in the graph, 1 difference")
                .contains("    (:User " + BOB + ")-[:OWNS]->(:Item " + SECOND + ")")
                .contains("DIFFERENT: 4 differences (users 2, items 1, OWNS 1)");
    }
}
