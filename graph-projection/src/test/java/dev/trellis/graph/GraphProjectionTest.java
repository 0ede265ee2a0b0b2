package dev.trellis.graph;

import dev.trellis.event.consumer.gap.SnapshotRequest;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.Topics;
import dev.trellis.graph.metrics.ProjectionMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.neo4j.driver.Driver;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection end to end: records on a real broker, exactly as the relay writes them, followed by the
 * projection's own consumer loop into a real Neo4j (over Bolt, as a server would be). One broker and one
 * Neo4j for all tests; each test has its own topics, consumer group and an empty graph.
 */
class GraphProjectionTest {

    private static final Duration CONVERGED_WITHIN = Duration.ofSeconds(60);

    static Driver driver;

    private final List<Running> running = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void start() {
        TestKafka.bootstrapServers();
        driver = TestNeo4j.driver();
    }

    @BeforeEach
    void emptyGraphAndFreshTopics(TestInfo test) {
        GraphDump.clear(driver);
        prefix = "t" + Math.abs(test.getDisplayName().hashCode());
        TestKafka.createTopics(prefix);
    }

    @AfterEach
    void stopProjections() throws Exception {
        for (Running projection : running) {
            projection.stop();
        }
    }

    @Test
    void follows_the_four_topics_into_the_graph_and_commits_what_neo4j_holds() throws Exception {
        TrellisSimulator trellis = new TrellisSimulator(1, "a");
        TestKafka.produce(prefix, trellis.run(150));

        Running projection = start("graph", false);
        TestKafka.produce(prefix, trellis.run(150));

        awaitGraph(trellis.expectedGraph());
        awaitCommitted("graph", TestKafka.nonEmpty(TestKafka.endOffsets(prefix)));
        ProjectionMetrics metrics = projection.service.metrics();
        // the consumer counts a batch just after committing it
        await(() -> metrics.eventsReceived() == trellis.events().size(), "every event counted");
        assertThat(metrics.eventsReceived()).isEqualTo(trellis.events().size());
        assertThat(metrics.eventsApplied()).isPositive().isLessThanOrEqualTo(metrics.eventsReceived());
        assertThat(metrics.gaps()).isZero();
        assertThat(metrics.latencyCount()).isEqualTo(metrics.eventsApplied());
        assertThat(metrics.batches()).isPositive();
    }

    @Test
    void serves_its_meters_for_prometheus_on_the_metrics_port() throws Exception {
        TrellisSimulator trellis = new TrellisSimulator(1, "m");
        TestKafka.produce(prefix, trellis.run(100));
        Running projection = start("graph", false, Map.of(ProjectionSettings.TRELLIS_GRAPH_METRICS_PORT, "0"));
        awaitGraph(trellis.expectedGraph());
        ProjectionMetrics metrics = projection.service.metrics();
        await(() -> metrics.eventsReceived() == trellis.events().size(), "every event counted");

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + projection.service.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        String group = prefix + "-graph";
        assertThat(scrape.body())
                .contains("# TYPE trellis_consumer_lag gauge", "trellis_consumer_lag{consumer=\"" + group + "\"} " + (double) metrics.lag())
                .contains("# TYPE trellis_consumer_events_total counter",
                        "trellis_consumer_events_total{consumer=\"" + group + "\",outcome=\"applied\"} " + (double) metrics.eventsApplied())
                .contains("# TYPE trellis_graph_latency_seconds histogram",
                        "trellis_graph_latency_seconds_count " + metrics.latencyCount(), "trellis_graph_latency_seconds_bucket{le=\"+Inf\"}")
                .contains("# TYPE jvm_memory_used_bytes gauge", "# TYPE process_cpu_usage gauge");
        assertThat(ProjectionSettings.from(new String[0], Map.of()).metricsPort()).as("off unless set").isEqualTo(-1);
        // the alert rules (ops/prometheus) query the projection's meters by these names
        String rules = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("ops/prometheus/trellis-alerts.yml"));
        Matcher named = Pattern.compile("\\btrellis_(?:consumer|graph)_[a-z0-9_]+").matcher(rules);
        List<String> projectionMetrics = new ArrayList<>();
        while (named.find()) {
            projectionMetrics.add(named.group());
        }
        assertThat(projectionMetrics).isNotEmpty().allSatisfy(metric -> assertThat(scrape.body()).contains("\n" + metric));
    }

    @Test
    void a_full_replay_changes_nothing_and_rebuilds_an_empty_graph() throws Exception {
        TrellisSimulator trellis = new TrellisSimulator(2, "b");
        TestKafka.produce(prefix, trellis.run(200));
        Running first = start("graph", false);
        awaitGraph(trellis.expectedGraph());
        List<String> graph = GraphDump.of(driver);
        first.stop();

        Running replay = start("graph", true);
        await(() -> replay.service.metrics().eventsReceived() == trellis.events().size(), "the replay read every event");
        assertThat(GraphDump.of(driver)).isEqualTo(graph);
        assertThat(replay.service.metrics().eventsApplied()).isZero();
        replay.stop();

        GraphDump.clear(driver);
        start("graph", true);
        awaitGraph(trellis.expectedGraph());
        assertThat(GraphDump.of(driver)).isEqualTo(graph);
    }

    @Test
    void a_snapshot_rebuilds_a_projection_that_started_late() throws Exception {
        TrellisSimulator trellis = new TrellisSimulator(3, "c");
        TestKafka.produce(prefix, trellis.run(200));
        // the group starts after all that (or the topics' retention removed it): it never sees those events
        TestKafka.commitOffsets(prefix + "-late", TestKafka.endOffsets(prefix));
        List<String> deletedBefore = trellis.expectedGraph().stream().filter(line -> line.startsWith("Tombstone ")).toList();
        Running projection = start("late", false);

        TestKafka.produce(prefix, trellis.snapshot());
        TestKafka.produce(prefix, trellis.run(100));

        // a snapshot says nothing about what is gone: deletions before it leave no tombstone here
        List<String> expected = new ArrayList<>(trellis.expectedGraph());
        expected.removeAll(deletedBefore);
        awaitGraph(expected);
        assertThat(projection.service.metrics().gaps()).as("a snapshot is where an unknown aggregate starts").isZero();
    }

    @Test
    void a_gap_is_counted_and_a_snapshot_of_the_owner_repairs_it() throws Exception {
        String ana = "usr_ana000000001";
        String item = "itm_gap000000001";
        Running projection = start("graph", false);
        TestKafka.produce(prefix, List.of(TestEvents.user(EventType.USER_CREATED, ana, 1, "Ana", "ana@example.com"),
                TestEvents.item(EventType.ITEM_CREATED, item, 1, ana, "one", List.of())));
        await(() -> projection.service.metrics().eventsApplied() == 2, "both applied");

        // versions 2 and 3 never arrive
        TestKafka.produce(prefix, List.of(TestEvents.item(EventType.ITEM_UPDATED, item, 4, ana, "four", List.of())));
        await(() -> projection.service.metrics().gaps() == 1, "the gap counted");
        TestKafka.produce(prefix, List.of(TestEvents.item(EventType.ITEM_SNAPSHOT, item, 5, ana, "five", List.of())));

        await(() -> TrellisSimulator.graphOf(driver).contains("Item " + item + " v5 five"), "the snapshot applied");
        assertThat(projection.service.metrics().gaps()).isEqualTo(1);
        assertThat(projection.service.metrics().consumer().snapshotRequests()).as("not asked to").isZero();
    }

    @Test
    void with_snapshot_requests_on_a_gap_asks_for_a_snapshot_of_its_owner_and_the_snapshot_repairs_it() throws Exception {
        String ana = "usr_ana000000001";
        String item = "itm_gap000000002";
        TestKafka.createSnapshotRequestTopic(prefix);
        Running projection = start("asking", false, Map.of(ProjectionSettings.TRELLIS_GRAPH_REQUEST_SNAPSHOTS, "true"));
        TestKafka.produce(prefix, List.of(TestEvents.user(EventType.USER_CREATED, ana, 1, "Ana", "ana@example.com"),
                TestEvents.item(EventType.ITEM_CREATED, item, 1, ana, "one", List.of())));
        await(() -> projection.service.metrics().eventsApplied() == 2, "both applied");

        // versions 2 and 3 never arrive
        TestKafka.produce(prefix, List.of(TestEvents.item(EventType.ITEM_UPDATED, item, 4, ana, "four", List.of())));
        await(() -> projection.service.metrics().consumer().snapshotRequests() == 1, "a snapshot requested");
        List<ConsumerRecord<String, String>> requests = TestKafka.snapshotRequests(prefix);
        assertThat(requests).extracting(ConsumerRecord::key).containsExactly(ana);
        SnapshotRequest request = SnapshotRequest.fromJson(requests.get(0).value());
        assertThat(request.userId()).isEqualTo(ana);
        assertThat(request.aggregate()).isEqualTo("item:" + item);
        assertThat(request.reason()).startsWith(prefix + "-asking saw a gap").contains("snapshot --user=" + ana);

        // Trellis answers with the user's snapshot
        TestKafka.produce(prefix, List.of(TestEvents.user(EventType.USER_SNAPSHOT, ana, 2, "Ana", "ana@example.com"),
                TestEvents.item(EventType.ITEM_SNAPSHOT, item, 5, ana, "five", List.of())));
        await(() -> TrellisSimulator.graphOf(driver).contains("Item " + item + " v5 five"), "the snapshot applied");
        assertThat(projection.service.metrics().gaps()).isEqualTo(1);
        assertThat(projection.service.metrics().consumer().snapshotRequests()).isEqualTo(1);
    }

    @Test
    void two_instances_in_one_group_share_the_partitions_and_converge() throws Exception {
        TrellisSimulator trellis = new TrellisSimulator(4, "d");
        Running one = start("pair", false);
        Running two = start("pair", false);
        await(() -> one.service.metrics().partitions() > 0 && two.service.metrics().partitions() > 0
                && one.service.metrics().partitions() + two.service.metrics().partitions() == 12, "the partitions shared");
        for (int round = 0; round < 8; round++) {
            TestKafka.produce(prefix, trellis.run(50));
            Thread.sleep(100);
        }

        awaitGraph(trellis.expectedGraph());
        awaitCommitted("pair", TestKafka.nonEmpty(TestKafka.endOffsets(prefix)));
        await(() -> one.service.metrics().eventsReceived() + two.service.metrics().eventsReceived() >= trellis.events().size(),
                "every event counted");
        assertThat(one.service.metrics().eventsReceived()).as("the first instance's share").isPositive();
        assertThat(two.service.metrics().eventsReceived()).as("the second instance's share").isPositive();
        assertThat(one.service.metrics().eventsReceived() + two.service.metrics().eventsReceived())
                .isGreaterThanOrEqualTo(trellis.events().size());
    }

    @Test
    void a_record_that_does_not_decode_stops_the_projection_without_committing_it() throws Exception {
        String ana = "usr_ana000000001";
        String item = "itm_bad000000001";
        Running projection = start("graph", false);
        TestKafka.produce(prefix, List.of(TestEvents.item(EventType.ITEM_CREATED, item, 1, ana, "one", List.of()),
                TestEvents.item(EventType.ITEM_UPDATED, item, 2, ana, "two", List.of())));
        await(() -> TestKafka.committedOffsets(prefix + "-graph").containsValue(2L), "both committed");
        TopicPartition partition = TestKafka.committedOffsets(prefix + "-graph").keySet().iterator().next();
        assertThat(partition.topic()).isEqualTo(Topics.topic(prefix, dev.trellis.event.contract.AggregateType.ITEM));

        // a newer Trellis's payload version, then an event this contract reads
        TestKafka.produce(prefix, List.of(
                TestEvents.item(EventType.ITEM_UPDATED, item, 3, ana, "three", List.of()).withSchemaVersionHeader("2"),
                TestEvents.item(EventType.ITEM_UPDATED, item, 4, ana, "four", List.of())));

        assertThatThrownBy(() -> projection.outcome.get(30, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_VERSION);
                    assertThat(e.getMessage()).contains(partition + "@2").contains("upgrade trellis-event-contract");
                });
        assertThat(TestKafka.committedOffsets(prefix + "-graph")).containsEntry(partition, 2L);
        assertThat(TrellisSimulator.graphOf(driver)).contains("Item " + item + " v2 two");
    }

    private Running start(String group, boolean fromBeginning) {
        return start(group, fromBeginning, Map.of());
    }

    private Running start(String group, boolean fromBeginning, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put(ProjectionSettings.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers());
        environment.put(ProjectionSettings.TRELLIS_TOPIC_PREFIX, prefix);
        environment.put(ProjectionSettings.TRELLIS_GRAPH_GROUP_ID, prefix + "-" + group);
        environment.put(ProjectionSettings.NEO4J_URI, TestNeo4j.boltUri());
        String[] args = fromBeginning ? new String[]{ProjectionSettings.FROM_BEGINNING} : new String[0];
        ProjectionService service = ProjectionService.start(ProjectionSettings.from(args, environment), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        Running projection = new Running(service, CompletableFuture.runAsync(service::run));
        running.add(projection);
        return projection;
    }

    private void awaitGraph(List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGED_WITHIN.toNanos();
        while (System.nanoTime() < deadline && !TrellisSimulator.graphOf(driver).equals(expected)) {
            Thread.sleep(100);
        }
        assertThat(TrellisSimulator.graphOf(driver)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private void awaitCommitted(String group, Map<TopicPartition, Long> expected) throws InterruptedException {
        await(() -> TestKafka.committedOffsets(prefix + "-" + group).equals(expected), "offsets committed");
        assertThat(TestKafka.committedOffsets(prefix + "-" + group)).isEqualTo(expected);
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGED_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + CONVERGED_WITHIN.toSeconds() + " s: " + what);
    }

    private record Running(ProjectionService service, CompletableFuture<Void> outcome) {

        void stop() throws Exception {
            service.stop();
            try {
                outcome.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException ignored) {
                // a test that expects the loop to fail has looked at it
            } finally {
                service.close();
            }
        }
    }
}
