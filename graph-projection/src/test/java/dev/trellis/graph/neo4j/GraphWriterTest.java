package dev.trellis.graph.neo4j;

import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.graph.GraphDump;
import dev.trellis.graph.TestEvent;
import dev.trellis.graph.TestNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.trellis.graph.TestEvents.file;
import static dev.trellis.graph.TestEvents.fileDeleted;
import static dev.trellis.graph.TestEvents.item;
import static dev.trellis.graph.TestEvents.itemDeleted;
import static dev.trellis.graph.TestEvents.tag;
import static dev.trellis.graph.TestEvents.tagDeleted;
import static dev.trellis.graph.TestEvents.user;
import static dev.trellis.graph.TestEvents.userDeleted;
import static org.assertj.core.api.Assertions.assertThat;

/** The writer against a real Neo4j (over Bolt): what a sequence of batches leaves in the graph. */
class GraphWriterTest {

    private static final String ANA = "usr_ana000000001";
    private static final String BEN = "usr_ben000000001";
    private static final String FIRST = "itm_first0000001";
    private static final String SECOND = "itm_second000001";
    private static final String WORK = "tag_work00000001";
    private static final String HOME = "tag_home00000001";
    private static final String NOTES = "fil_notes0000001";

    static Driver driver;
    static GraphWriter writer;

    @BeforeAll
    static void schema() {
        driver = TestNeo4j.driver();
        GraphSchema.ensure(driver, null);
        writer = new GraphWriter(driver, null);
    }

    @BeforeEach
    void emptyGraph() {
        GraphDump.clear(driver);
    }

    @Test
    void builds_nodes_with_the_payloads_properties_and_their_relationships_filling_placeholders_later() {
        // the item comes first (its topic was faster): its owner and tags exist only as placeholders
        BatchPlan first = write(item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of(WORK, HOME)));
        assertThat(first.gaps()).isEmpty();
        assertThat(GraphDump.of(driver)).contains("(:User {id=\"" + ANA + "\"})", "(:Tag {id=\"" + WORK + "\"})",
                "(" + ANA + ")-[:OWNS]->(" + FIRST + ")", "(" + FIRST + ")-[:TAGGED]->(" + WORK + ")");

        write(user(EventType.USER_CREATED, ANA, 1, "Ana", "ana@example.com"),
                tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA),
                file(EventType.FILE_CREATED, NOTES, 1, ANA, FIRST, "notes.txt"));
        write(tag(EventType.TAG_CREATED, HOME, 1, "Home", BEN));

        assertThat(GraphDump.of(driver)).containsExactlyInAnyOrder(
                "(:User {createdAt=2026-01-02T03:04:05.123456Z, email=\"ana@example.com\", emailVerified=TRUE, "
                        + "id=\"" + ANA + "\", language=\"en\", name=\"Ana\", notificationsEnabled=TRUE, theme=\"system\", "
                        + "timezone=\"UTC\", updatedAt=2026-02-03T04:05:06.654321Z, version=1})",
                "(:User {id=\"" + BEN + "\"})",
                "(:Item {createdAt=2026-01-02T03:04:05.123456Z, description=\"about First\", id=\"" + FIRST + "\", "
                        + "status=\"draft\", title=\"First\", updatedAt=2026-02-03T04:05:06.654321Z, version=1})",
                "(:Tag {color=\"#ff0000\", createdAt=2026-01-02T03:04:05.123456Z, id=\"" + WORK + "\", name=\"Work\", version=1})",
                "(:Tag {color=\"#ff0000\", createdAt=2026-01-02T03:04:05.123456Z, id=\"" + HOME + "\", name=\"Home\", version=1})",
                "(:File {createdAt=2026-01-02T03:04:05.123456Z, filename=\"notes.txt\", id=\"" + NOTES + "\", mimeType=\"text/plain\", "
                        + "size=1234, url=\"/api/files/" + NOTES + "\", version=1})",
                "(" + ANA + ")-[:OWNS]->(" + FIRST + ")",
                "(" + ANA + ")-[:CREATED]->(" + WORK + ")",
                "(" + BEN + ")-[:CREATED]->(" + HOME + ")",
                "(" + ANA + ")-[:UPLOADED]->(" + NOTES + ")",
                "(" + FIRST + ")-[:TAGGED]->(" + WORK + ")",
                "(" + FIRST + ")-[:TAGGED]->(" + HOME + ")",
                "(" + FIRST + ")-[:HAS_FILE]->(" + NOTES + ")");
        Map<String, Value> item = node("Item", FIRST);
        assertThat(item.get("createdAt").asOffsetDateTime())
                .isEqualTo(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC));
    }

    @Test
    void each_event_replaces_the_state_null_values_remove_properties_and_relationships_follow() {
        write(user(EventType.USER_CREATED, ANA, 1, "Ana", "ana@example.com"),
                user(EventType.USER_CREATED, BEN, 1, "Ben", "ben@example.com"),
                tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA),
                tag(EventType.TAG_CREATED, HOME, 1, "Home", ANA),
                item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of(WORK)),
                item(EventType.ITEM_CREATED, SECOND, 1, ANA, "Second", List.of()),
                file(EventType.FILE_CREATED, NOTES, 1, ANA, FIRST, "notes.txt"));

        write(item(EventType.ITEM_UPDATED, FIRST, 2, ANA, "First, renamed", List.of(WORK)).with("description", null),
                tag(EventType.TAG_UPDATED, WORK, 2, "Work", null),
                user(EventType.USER_UPDATED, BEN, 2, "Benjamin", "ben@example.com").with("profile",
                        Map.of("bio", "hello", "website", "https://ben.example", "timezone", "Europe/Paris")));
        write(item(EventType.ITEM_TAGS_CHANGED, FIRST, 3, ANA, "First, renamed", List.of(HOME)).with("description", null),
                file(EventType.FILE_UPDATED, NOTES, 2, ANA, SECOND, "notes.txt"));

        Map<String, Value> first = node("Item", FIRST);
        assertThat(first.get("title").asString()).isEqualTo("First, renamed");
        assertThat(first).doesNotContainKey("description");
        assertThat(first.get("version").asLong()).isEqualTo(3);
        assertThat(node("User", BEN).get("bio").asString()).isEqualTo("hello");
        assertThat(node("User", BEN).get("timezone").asString()).isEqualTo("Europe/Paris");
        assertThat(relationships()).containsExactlyInAnyOrder(
                "(" + ANA + ")-[:OWNS]->(" + FIRST + ")",
                "(" + ANA + ")-[:OWNS]->(" + SECOND + ")",
                "(" + ANA + ")-[:CREATED]->(" + HOME + ")",
                "(" + ANA + ")-[:UPLOADED]->(" + NOTES + ")",
                "(" + FIRST + ")-[:TAGGED]->(" + HOME + ")",
                "(" + SECOND + ")-[:HAS_FILE]->(" + NOTES + ")");

        write(file(EventType.FILE_UPDATED, NOTES, 3, ANA, null, "notes.txt"));
        assertThat(relationships()).doesNotContain("(" + SECOND + ")-[:HAS_FILE]->(" + NOTES + ")");
    }

    @Test
    void an_items_file_ids_do_not_decide_which_files_it_has() {
        // attaching a file writes only file.updated: an item's fileIds can be older than the files' own events
        write(item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()).with("fileIds", List.of(NOTES)));
        assertThat(GraphDump.of(driver)).noneMatch(line -> line.contains(NOTES));

        write(file(EventType.FILE_CREATED, NOTES, 1, ANA, null, "notes.txt"),
                item(EventType.ITEM_UPDATED, FIRST, 2, ANA, "First", List.of()).with("fileIds", List.of(NOTES)));
        assertThat(relationships()).doesNotContain("(" + FIRST + ")-[:HAS_FILE]->(" + NOTES + ")");
    }

    @Test
    void duplicates_and_a_full_replay_change_nothing() {
        List<TestEvent> history = List.of(
                user(EventType.USER_CREATED, ANA, 1, "Ana", "ana@example.com"),
                tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA),
                item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of(WORK)),
                item(EventType.ITEM_UPDATED, FIRST, 2, ANA, "First, renamed", List.of(WORK)),
                file(EventType.FILE_CREATED, NOTES, 1, ANA, FIRST, "notes.txt"),
                tag(EventType.TAG_CREATED, HOME, 1, "Home", ANA),
                tagDeleted(HOME, 2, "Home"),
                item(EventType.ITEM_CREATED, SECOND, 1, ANA, "Second", List.of()),
                itemDeleted(SECOND, 2, ANA));
        for (TestEvent event : history) {
            write(event);
        }
        List<String> graph = GraphDump.of(driver);

        BatchPlan replay = writer.write(TestEvent.events(history));
        for (TestEvent event : history) {
            write(event);
        }

        assertThat(GraphDump.of(driver)).isEqualTo(graph);
        assertThat(replay.applied()).isZero();
        assertThat(replay.duplicates() + replay.afterDeletion()).isEqualTo(history.size());
        assertThat(graph).contains("(:Tombstone {deletedAt=" + history.get(6).time().atOffset(ZoneOffset.UTC)
                + ", id=\"" + HOME + "\", key=\"tag:" + HOME + "\", type=\"tag\", version=2})");
    }

    @Test
    void an_item_naming_a_tag_deleted_earlier_does_not_bring_it_back() {
        write(tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA), item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()));
        write(tagDeleted(WORK, 2, "Work"));

        // the item's topic lags behind the tag's: it still names the tag
        write(item(EventType.ITEM_TAGS_CHANGED, FIRST, 2, ANA, "First", List.of(WORK)));

        assertThat(labelled("Tag")).isEmpty();
        assertThat(relationships()).noneMatch(line -> line.contains("TAGGED"));
        assertThat(node("Item", FIRST).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void a_file_event_after_its_item_was_deleted_does_not_bring_the_item_back() {
        write(item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()),
                file(EventType.FILE_CREATED, NOTES, 1, ANA, null, "notes.txt"));
        write(itemDeleted(FIRST, 2, ANA));

        write(file(EventType.FILE_UPDATED, NOTES, 2, ANA, FIRST, "notes.txt"));

        assertThat(labelled("Item")).isEmpty();
        assertThat(relationships()).noneMatch(line -> line.contains("HAS_FILE"));
        assertThat(node("File", NOTES).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void late_events_after_a_user_was_deleted_do_not_bring_the_user_back() {
        write(user(EventType.USER_CREATED, ANA, 1, "Ana", "ana@example.com"),
                item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()),
                tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA));
        write(userDeleted(ANA, 2));

        BatchPlan late = write(user(EventType.USER_UPDATED, ANA, 2, "Ana", "ana@example.com"),
                item(EventType.ITEM_UPDATED, FIRST, 2, ANA, "First, late", List.of()),
                file(EventType.FILE_CREATED, NOTES, 1, ANA, FIRST, "notes.txt"),
                tag(EventType.TAG_UPDATED, WORK, 2, "Work", ANA));

        // the user's late event is at the tombstone's version: dropped (the kit counts it a duplicate)
        assertThat(late.applied()).isEqualTo(3);
        assertThat(late.afterDeletion() + late.duplicates()).isEqualTo(1);
        assertThat(labelled("User")).isEmpty();
        assertThat(relationships()).containsExactly("(" + FIRST + ")-[:HAS_FILE]->(" + NOTES + ")");
        // then what the deletion brings on the other topics: the items and files go, the tags lose their creator
        write(itemDeleted(FIRST, 3, ANA), fileDeleted(NOTES, 2, ANA), tag(EventType.TAG_UPDATED, WORK, 3, "Work", null));
        assertThat(GraphDump.of(driver)).filteredOn(line -> !line.startsWith("(:Tombstone"))
                .containsExactly("(:Tag {color=\"#ff0000\", createdAt=2026-01-02T03:04:05.123456Z, id=\"" + WORK
                        + "\", name=\"Work\", version=3})");
    }

    @Test
    void a_tag_created_after_the_item_that_carries_it_fills_the_placeholder() {
        write(item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of(WORK)));
        assertThat(node("Tag", WORK)).containsOnlyKeys("id");

        BatchPlan plan = write(tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA));

        assertThat(plan.gaps()).isEmpty();
        assertThat(node("Tag", WORK).get("name").asString()).isEqualTo("Work");
        assertThat(relationships()).contains("(" + FIRST + ")-[:TAGGED]->(" + WORK + ")", "(" + ANA + ")-[:CREATED]->(" + WORK + ")");
    }

    @Test
    void one_batch_keeps_each_aggregates_newest_state_and_its_deletions_win() {
        BatchPlan plan = write(user(EventType.USER_CREATED, ANA, 1, "Ana", "ana@example.com"),
                item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()),
                item(EventType.ITEM_UPDATED, FIRST, 2, ANA, "First, renamed", List.of()),
                file(EventType.FILE_CREATED, NOTES, 1, ANA, FIRST, "notes.txt"),
                itemDeleted(FIRST, 3, ANA),
                user(EventType.USER_UPDATED, ANA, 2, "Ana B.", "ana@example.com"));

        assertThat(plan.superseded()).isEqualTo(3);
        assertThat(labelled("Item")).isEmpty();
        assertThat(node("User", ANA).get("name").asString()).isEqualTo("Ana B.");
        assertThat(relationships()).containsExactly("(" + ANA + ")-[:UPLOADED]->(" + NOTES + ")");
    }

    @Test
    void a_gap_is_reported_and_the_newer_state_still_applied() {
        write(item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()));

        BatchPlan plan = write(item(EventType.ITEM_UPDATED, FIRST, 4, ANA, "Fourth", List.of()));

        assertThat(plan.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.missing()).isEqualTo(2);
            assertThat(gap.toString()).contains("snapshot --user=" + ANA);
        });
        assertThat(node("Item", FIRST).get("title").asString()).isEqualTo("Fourth");
    }

    @Test
    void a_tag_deleted_while_another_transaction_links_it_is_gone_whichever_commits_first() throws Exception {
        for (boolean linkFirst : new boolean[]{true, false}) {
            GraphDump.clear(driver);
            write(tag(EventType.TAG_CREATED, WORK, 1, "Work", ANA), item(EventType.ITEM_CREATED, FIRST, 1, ANA, "First", List.of()));
            List<TrellisEvent> link = TestEvent.events(List.of(item(EventType.ITEM_TAGS_CHANGED, FIRST, 2, ANA, "First", List.of(WORK))));
            List<TrellisEvent> delete = TestEvent.events(List.of(tagDeleted(WORK, 2, "Work")));

            // the first holds its transaction open while the second (another projection instance) runs
            try (Session session = driver.session(); Transaction open = session.beginTransaction()) {
                writer.apply(open, linkFirst ? link : delete);
                CompletableFuture<BatchPlan> second = CompletableFuture.supplyAsync(() -> writer.write(linkFirst ? delete : link));
                Thread.sleep(500);
                assertThat(second).as("the second transaction waits for the first's lock").isNotDone();
                open.commit();
                second.get(30, TimeUnit.SECONDS);
            }

            assertThat(labelled("Tag")).as("linkFirst=" + linkFirst).isEmpty();
            assertThat(relationships()).as("linkFirst=" + linkFirst).containsExactly("(" + ANA + ")-[:OWNS]->(" + FIRST + ")");
            assertThat(node("Item", FIRST).get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void the_warm_up_at_start_leaves_nothing_in_the_graph() {
        write(user(EventType.USER_CREATED, ANA, 1, "Ana", "ana@example.com"));
        List<String> graph = GraphDump.of(driver);

        writer.warmUp();

        assertThat(GraphDump.of(driver)).isEqualTo(graph);
    }

    private BatchPlan write(TestEvent... events) {
        return writer.write(TestEvent.events(List.of(events)));
    }

    private static Map<String, Value> node(String label, String id) {
        List<Map<String, Value>> nodes = driver.session().executeRead(tx -> tx.run("MATCH (n:" + label + " {id: $id}) RETURN n",
                Map.of("id", id)).list(record -> record.get("n").asNode().asMap(value -> value)));
        assertThat(nodes).as(label + " " + id).hasSize(1);
        return nodes.get(0);
    }

    private static List<String> labelled(String label) {
        return GraphDump.of(driver).stream().filter(line -> line.startsWith("(:" + label + " ")).toList();
    }

    private static List<String> relationships() {
        return GraphDump.of(driver).stream().filter(line -> line.contains(")-[:")).toList();
    }
}
