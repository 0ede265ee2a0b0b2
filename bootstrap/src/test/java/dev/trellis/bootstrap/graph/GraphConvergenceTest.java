package dev.trellis.bootstrap.graph;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.bootstrap.graph.GraphProcesses.Downstream;
import dev.trellis.bootstrap.graph.GraphProcesses.Outcome;
import dev.trellis.bootstrap.graph.GraphProcesses.Projection;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.bootstrap.relay.FaultKit;
import dev.trellis.bootstrap.relay.FaultKit.ChildApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that the stream is enough: a random workload of every kind of change (REST and plain
 * SQL) runs while the relay is killed with {@code kill -9} and restarted, the projection is killed
 * and restarted, an event too large for its topic is parked and later replayed out of order, a
 * snapshot runs mid-stream, and the projection's consumer group is reset to the beginning (a full
 * replay); once the stream has drained, the checker finds the graph equal to PostgreSQL: 0 differences.
 *
 * <p>Everything is real and runs as a user runs it: PostgreSQL with logical decoding, the broker, the
 * application (relay and REST) and its commands in JVMs of their own, the projection's jar with its
 * embedded Neo4j, and its {@code check} command. The short version runs in {@code verify}; the long one
 * ({@code -Dgraph.long=true}, a few minutes) runs more operations and repeats every fault:
 * {@code ./mvnw -pl bootstrap -am verify -Dtest=GraphConvergenceTest -Dgraph.long=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@code -Dgraph.seed=N} replays a run's workload.
 */
class GraphConvergenceTest {

    private static final boolean LONG = Boolean.getBoolean("graph.long");
    private static final long SEED = Long.getLong("graph.seed", System.nanoTime());
    private static final int ROUNDS = LONG ? 4 : 1;
    private static final int OPERATIONS = LONG ? 400 : 60;
    /** The item topic takes at most this much: an item with more content than that is parked. */
    private static final int TOPIC_LIMIT = 64 * 1024;
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @TempDir
    Path projectionData;

    @AfterEach
    void stopEverything() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    @Test
    void the_graph_equals_postgresql_after_a_random_workload_with_relay_and_projection_faults() throws Exception {
        String name = "graph_sync";
        TestPostgres.freshDatabase(name);
        String url = TestPostgres.server().getJdbcUrl("postgres", name);
        String brokers = TestKafka.bootstrapServers();
        int appPort = FaultKit.freePort();
        List<String> appArgs = appArgs(name, url, brokers, appPort);
        List<String> faults = new ArrayList<>();
        createItemTopicWithALimit(brokers, name + ".item");

        ChildApp app = app("graph-app-0", appArgs);
        Downstream downstream = new Downstream(brokers, name, name + "-projection", FaultKit.freePort(), projectionData);
        Projection projection = projection("graph-projection-0", downstream);
        GraphWorkload workload = new GraphWorkload(SEED, url, appPort);
        workload.signUp(4);

        for (int round = 1; round <= ROUNDS; round++) {
            workload.run(OPERATIONS, true);

            // the relay killed mid-stream: what it had not acknowledged is sent again, nothing lost
            app.kill();
            faults.add("round " + round + ": relay kill -9");
            workload.run(OPERATIONS / 2, false); // SQL only while the application is down
            app = app("graph-app-" + round, appArgs);

            // an event the topic refuses is parked; the item's next (small) event overtakes it
            workload.createOversizedItem(TOPIC_LIMIT + 16 * 1024); // over the topic's limit, under the API's 100,000
            workload.run(OPERATIONS, true);

            // the projection killed: Neo4j recovers, the uncommitted batch is applied again, once; in the short
            // version its restart is also the full replay (the consumer group reset to the beginning)
            projection.kill();
            faults.add("round " + round + ": projection kill -9");
            workload.run(OPERATIONS / 2, true);
            boolean replayNow = round == 1 && !LONG;
            projection = replayNow ? projection("graph-projection-" + round + "-replay", downstream, "--from-beginning")
                    : projection("graph-projection-" + round + "-restarted", downstream);
            if (replayNow) {
                faults.add("round " + round + ": consumer group reset to the beginning");
            }

            // a snapshot mid-stream, while the workload goes on
            Process snapshot = GraphProcesses.startAppCommand("graph-snapshot-" + round,
                    concat(List.of("snapshot"), FaultKit.databaseArgs(url)));
            workload.run(OPERATIONS, true);
            Outcome snapshotDone = GraphProcesses.awaitExit("graph-snapshot-" + round, snapshot, STARTUP);
            assertThat(snapshotDone.exitCode()).as(snapshotDone.output()).isZero();
            faults.add("round " + round + ": snapshot mid-stream");

            // the parked events replayed once the topic takes them: hours late, and older than what followed
            FaultKit.await("the oversized item's event parked", () -> count(url, "select count(*) from outbox_parked") >= 1,
                    Duration.ofMinutes(1));
            topicLimit(brokers, name + ".item", 4 * 1024 * 1024);
            Outcome replayed = GraphProcesses.appCommand("graph-replay-" + round, concat(List.of("relay", "replay-parked"),
                    FaultKit.databaseArgs(url), List.of("--spring.kafka.bootstrap-servers=" + brokers,
                            "--trellis.relay.topic-prefix=" + name)), STARTUP);
            assertThat(replayed.exitCode()).as(replayed.output()).isZero();
            topicLimit(brokers, name + ".item", TOPIC_LIMIT);
            faults.add("round " + round + ": parked event replayed");

            if (round == 1 && LONG) {
                // a full replay: the consumer group reset to the beginning, applied over the graph it already built
                projection.close();
                projection = projection("graph-projection-replay", downstream, "--from-beginning");
                faults.add("round " + round + ": consumer group reset to the beginning");
            }
            workload.run(OPERATIONS / 2, true);
        }

        Outcome check = GraphProcesses.check("graph-check", downstream, List.of(
                "--jdbc-url=" + url, "--db-user=postgres", "--db-password=",
                "--neo4j-uri=" + downstream.boltUri(), "--relay=" + name, "--timeout=180s"), Duration.ofMinutes(5));
        System.out.println(report(url, workload, faults, check));
        assertThat(check.exitCode()).as("the checker's verdict (0: the graph equals PostgreSQL):\n" + check.output()).isZero();
    }

    private static List<String> appArgs(String name, String url, String brokers, int port) {
        List<String> args = new ArrayList<>();
        for (String arg : FaultKit.relayArgs(name)) {
            args.add(arg.equals("--server.port=0") ? "--server.port=" + port
                    : arg.equals("--trellis.demo-data=false") ? "--trellis.demo-data=true" : arg);
        }
        args.add("--trellis.auth.rate-limit.enabled=false");
        args.add("--spring.kafka.bootstrap-servers=" + brokers);
        args.addAll(FaultKit.databaseArgs(url));
        return args;
    }

    private ChildApp app(String name, List<String> args) throws Exception {
        ChildApp app = ChildApp.launch(name, args).awaitStarted(STARTUP);
        cleanup.push(app);
        return app;
    }

    private Projection projection(String name, Downstream downstream, String... args) throws Exception {
        Projection projection = Projection.start(name, downstream, args);
        cleanup.push(projection);
        return projection;
    }

    private static void createItemTopicWithALimit(String brokers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(TOPIC_LIMIT))))).all().get();
        }
    }

    private static void topicLimit(String brokers, String topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", Integer.toString(bytes)), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    private static long count(String url, String sql) {
        try (Connection connection = FaultKit.connect(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String report(String url, GraphWorkload workload, List<String> faults, Outcome check) {
        return "GraphConvergenceTest (" + (LONG ? "long" : "short") + ", seed " + SEED + "): "
                + workload.operations() + " operations " + workload.counts() + "; "
                + count(url, "select count(*) from outbox") + " events in the outbox ("
                + count(url, "select count(*) from outbox where event_type like '%.snapshot'") + " from snapshots); faults: "
                + String.join(", ", faults) + "\nchecker (exit " + check.exitCode() + "):\n" + check.output();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
