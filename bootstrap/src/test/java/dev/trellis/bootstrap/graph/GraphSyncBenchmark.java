package dev.trellis.bootstrap.graph;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.bootstrap.relay.FaultKit;
import dev.trellis.bootstrap.relay.FaultKit.ChildApp;
import dev.trellis.event.contract.CloudEventHeaders;
import dev.trellis.event.contract.EventDecoder;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How fast the graph projection follows Trellis on this machine, measured and printed, never asserted:
 * its throughput on a backlog, and the commit-to-graph latency at a steady 500 events/s.
 * <p>
 * Not part of {@code verify} (its name is not a test name, and it needs {@code -Dbenchmark=true}). It starts the
 * projection's runnable jar, which the build of graph-projection makes; build it first:
 * <pre>
 * ./mvnw -B -ntp -pl graph-projection -am package -DskipTests
 * ./mvnw -B -ntp -pl bootstrap -am test -Dbenchmark=true -Dtest=GraphSyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Everything runs on this machine, as a user would run it: the application's own embedded PostgreSQL (fsync,
 * synchronous_commit and full_page_writes on, on disk in a temporary folder) and a Kafka broker ({@link TestKafka})
 * in the benchmark's JVM; the application ({@link TrellisApplication}, relay on, its own slot and topics
 * {@code gbench.*}) in a child JVM ({@link ChildApp}, the fault tests' launcher: C1 only, serial GC, 512 MB); the
 * projection ({@code java -jar trellis-graph.jar}, the JVM's defaults) in another, with its embedded Neo4j on a free
 * Bolt port and a temporary data folder.
 * <ol>
 *   <li>Backlog: users, tags, items (some with tags, in the item's transaction), files attached to items and item
 *       updates, written with SQL ({@code generate_series}) so that the V4 triggers emit every event as they do for
 *       writes outside the use cases; once the relay has published them all ({@code relay_progress.relayed_position}
 *       reached the outbox's last position), the projection starts on a fresh consumer group. Its throughput is the
 *       records its group committed between its first commit and the last record, over that time, from the group's
 *       offsets polled every 100 ms (Neo4j's start and the statements' planning are reported apart, as start-up).</li>
 *   <li>Latency: with the projection caught up, {@value #DEFAULT_WRITERS} connections commit one event per transaction
 *       on a schedule (500/s: item inserts, with a tag in the same statement, alternating with updates of backlog
 *       items), first for a warm-up of 15 s that is not measured, then for a minute. Commit-to-graph latency is the
 *       projection's own: Neo4j's commit as the projection saw it return, minus the event's {@code ce_time}, which is
 *       the PostgreSQL transaction's {@code now()}, its start (the writer's insert and commit, printed, lie between
 *       the two). The projection logs its histogram since its start with every summary line (every 10 s); the
 *       measured minute is the difference between the first line after the warm-up and the sixth after it, so it
 *       holds exactly the events Neo4j committed in between. A consumer in this JVM splits the path: its receipt
 *       minus {@code ce_time} is the part before Kafka (the relay).</li>
 * </ol>
 * Each phase prints the CPU each process used (the projection's JVM, the application's, PostgreSQL's processes, this
 * JVM with the broker and the writers, others) and the load average. {@code -Dbenchmark.users} (1000),
 * {@code .tags} (50), {@code .items} (150000), {@code .files} (20000), {@code .updates} (30000),
 * {@code .transaction-rows} (5000), {@code .rate} (500), {@code .warmup-seconds} (15), {@code .latency-seconds} (60,
 * in whole summary intervals of 10 s), {@code .latency-writers} (8) and {@code .projection-jvm-args} change it.
 * {@code -Dbenchmark.profile=true} profiles the projection's JVM with async-profiler (fetched by Maven into
 * {@code target/async-profiler}), loaded into it once per phase through the attach API so that start-up stays out:
 * {@code target/graph-sync-profile-backlog.html} and {@code -latency.html} ({@code -Dbenchmark.profile-event}, cpu,
 * picks the event). The figures go to the console and to {@code bootstrap/target/graph-sync-benchmark.txt}; the
 * projection's log to {@code target/graph-sync-benchmark/projection.log}, the application's to
 * {@code target/relay-faults/graph-benchmark-app.log}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphSyncBenchmark {

    static final int DEFAULT_WRITERS = 8;
    static final int USERS = Integer.getInteger("benchmark.users", 1_000);
    static final int TAGS = Integer.getInteger("benchmark.tags", 50);
    static final int ITEMS = Integer.getInteger("benchmark.items", 150_000);
    static final int FILES = Integer.getInteger("benchmark.files", 20_000);
    static final int UPDATES = Math.min(ITEMS, Integer.getInteger("benchmark.updates", 30_000));
    static final int TRANSACTION_ROWS = Integer.getInteger("benchmark.transaction-rows", 5_000);
    static final int RATE = Integer.getInteger("benchmark.rate", 500);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 15);
    /** The projection logs its summary (and histogram) every 10 s: the measured time is a whole number of those. */
    static final int SUMMARY_SECONDS = 10;
    static final int MEASURED_INTERVALS = Math.max(1, (Integer.getInteger("benchmark.latency-seconds", 60) + SUMMARY_SECONDS - 1)
            / SUMMARY_SECONDS);
    static final int WRITERS = Integer.getInteger("benchmark.latency-writers", DEFAULT_WRITERS);
    static final String PROJECTION_JVM_ARGS = System.getProperty("benchmark.projection-jvm-args", "").trim();
    static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");
    static final String PROFILE_EVENT = System.getProperty("benchmark.profile-event", "cpu");
    static final double THROUGHPUT_TARGET = 5_000;
    static final double P99_TARGET_MS = 250;

    static final Path PROJECTION_JAR = Path.of("..", "graph-projection", "target", "trellis-graph.jar");
    static final Path PROFILER = Path.of("target", "async-profiler", "linux-x64", "libasyncProfiler.so");
    static final Path OUTPUT = Path.of("target", "graph-sync-benchmark");
    static final Path REPORT = Path.of("target", "graph-sync-benchmark.txt");
    /** Where {@link ChildApp} writes the application's output. */
    static final Path APP_LOG = Path.of("target", "relay-faults", "graph-benchmark-app.log");
    /** The relay's slot, publication and topic prefix, and the projection's topics. */
    static final String NAME = "gbench";
    static final String GROUP = "gbench-graph";
    static final String WRITER_APPLICATION_NAME = "graph-benchmark-writer";
    static final String HISTOGRAM_LINE = "commit-to-graph since the start, ms=count:";

    // ids as the contract's schemas want them: usr_/itm_/fil_ + 12 characters, tag_ + 8
    static final String USER_ID = "'usr_gb' || lpad((%s)::text, 10, '0')";
    static final String ITEM_ID = "'itm_gb' || lpad((%s)::text, 10, '0')";
    static final String TAG_ID = "'tag_gb' || lpad((%s)::text, 6, '0')";
    static final String FILE_ID = "'fil_gb' || lpad((%s)::text, 10, '0')";

    Path root;
    EmbeddedDatabaseServer database;
    String bootstrapServers;
    ChildApp app;
    Projection projection;
    final Map<String, String> results = new LinkedHashMap<>();
    long startedAt;
    double backlogRate = Double.NaN;
    double latencyP99 = Double.NaN;

    @BeforeAll
    void startEverything() throws Exception {
        startedAt = System.nanoTime();
        Files.createDirectories(OUTPUT);
        Files.writeString(REPORT, "Trellis graph-sync benchmark, " + Instant.now() + System.lineSeparator());
        if (!Files.isRegularFile(PROJECTION_JAR)) {
            throw new IllegalStateException(PROJECTION_JAR.toAbsolutePath().normalize() + " is missing: build the projection's jar"
                    + " first (./mvnw -B -ntp -pl graph-projection -am package -DskipTests)");
        }
        if (PROFILE && !Files.isRegularFile(PROFILER)) {
            throw new IllegalStateException(PROFILER.toAbsolutePath() + " is missing: -Dbenchmark.profile=true on the Maven command"
                    + " line unpacks it (the benchmark-profile profile of bootstrap's pom)");
        }
        root = Files.createTempDirectory("trellis-graph-benchmark");
        header("Set-up");
        database = EmbeddedDatabaseServer.start(root.resolve("postgres"), FaultKit.freePort());
        try (Connection connection = connect()) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_level")) {
                settings.put(name, queryString(connection, "show " + name));
            }
            print("  PostgreSQL: the application's embedded server in this JVM, on disk in " + database.dataDirectory() + ": " + settings);
            if (!settings.get("fsync").equals("on") || !settings.get("synchronous_commit").equals("on")) {
                throw new IllegalStateException("the benchmark needs a durable PostgreSQL, got " + settings);
            }
        }
        TestKafka.quietBrokerLogs();
        bootstrapServers = TestKafka.bootstrapServers();
        print("  Kafka: one KRaft broker in this JVM (TestKafka) at " + bootstrapServers);
        long launched = System.nanoTime();
        app = ChildApp.launch("graph-benchmark-app", appArgs()).awaitStarted(Duration.ofMinutes(4));
        FaultKit.await("the application's relay leads", () -> app.relayRole().equals("leader"), Duration.ofMinutes(2));
        FaultKit.await("the relay's replication slot exists", () -> slotExists(), Duration.ofMinutes(2));
        print(String.format(Locale.ROOT, "  the application (relay on, slot and topics %s.*, 3 partitions each) in a child JVM,"
                + " started and leading in %.1f s; its log: %s", NAME, seconds(System.nanoTime() - launched), APP_LOG.toAbsolutePath()));
        print("  " + Runtime.getRuntime().availableProcessors() + " cores; Java " + Runtime.version() + "; load average " + loadAverage());
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (projection != null) {
                projection.close();
            }
            if (app != null) {
                app.close();
            }
            if (database != null) {
                database.close();
            }
        } finally {
            print("");
            print(String.format(Locale.ROOT, "Total: %.0f s", seconds(System.nanoTime() - startedAt)));
            if (root != null) {
                FileSystemUtils.deleteRecursively(root.toFile());
            }
        }
    }

    @Test
    @Order(1)
    void the_projection_on_a_backlog() throws Exception {
        header(String.format(Locale.ROOT, "Backlog: %,d users, %,d tags, %,d items, %,d files, %,d item updates written with SQL;"
                + " then a projection on a fresh consumer group", USERS, TAGS, ITEMS, FILES, UPDATES));
        long events;
        long taggings;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            long began = System.nanoTime();
            writeBacklog(connection);
            long written = System.nanoTime();
            events = queryLong(connection, "select count(*) from outbox");
            taggings = queryLong(connection, "select count(*) from item_tags");
            long lastPosition = queryLong(connection, "select coalesce(max(position), 0) from outbox");
            Map<String, Long> byType = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select event_type, count(*) from outbox group by 1 order by 1")) {
                while (rs.next()) {
                    byType.put(rs.getString(1), rs.getLong(2));
                }
            }
            connection.commit();
            print(String.format(Locale.ROOT, "  written in %.1f s (transactions of up to %,d rows): %,d events %s; %,d item tags",
                    seconds(written - began), TRANSACTION_ROWS, events, byType, taggings));
            FaultKit.await("the relay published the backlog", () -> relayedPosition() >= lastPosition, Duration.ofMinutes(15));
            print(String.format(Locale.ROOT, "  the relay had published them all %.1f s after the first write (%,.0f events/s overall)",
                    seconds(System.nanoTime() - began), events / seconds(System.nanoTime() - began)));
        }
        Map<TopicPartition, Long> ends;
        try (Admin admin = admin()) {
            ends = endOffsets(admin);
        }
        long onTopics = ends.values().stream().mapToLong(Long::longValue).sum();
        print(String.format(Locale.ROOT, "  on the topics: %,d records in %d partitions", onTopics, ends.size()));

        String loadBefore = loadAverage();
        Cpu launchCpu = cpu();
        long launched = System.nanoTime();
        projection = Projection.start(downstream(), FaultKit.freePort());
        Progress progress;
        Cpu firstCommitCpu;
        List<long[]> samples = new ArrayList<>(); // {System.nanoTime(), records committed}
        try (Admin admin = admin()) {
            long first = 0;
            long atFirst = 0;
            Cpu atFirstCpu = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (true) {
                long committed = committed(admin);
                long now = System.nanoTime();
                samples.add(new long[]{now, committed});
                if (first == 0 && committed > 0) {
                    first = now;
                    atFirst = committed;
                    atFirstCpu = cpu();
                    profile(startProfile());
                }
                if (committed >= onTopics) {
                    progress = new Progress(launched, first, atFirst, now, committed);
                    break;
                }
                projection.requireAlive();
                if (now > deadline) {
                    throw new AssertionError("the projection committed " + committed + " of " + onTopics + " records in 20 min; see "
                            + projection.log);
                }
                Thread.sleep(100);
            }
            firstCommitCpu = atFirstCpu;
        }
        CpuUse consuming = firstCommitCpu.until(cpu());
        CpuUse fromLaunch = launchCpu.until(cpu());
        stopProfile("backlog");
        double rate = (progress.records() - progress.recordsAtFirstCommit()) / seconds(progress.end() - progress.firstCommit());
        backlogRate = rate;
        print(String.format(Locale.ROOT, "  start-up: the first commit %.1f s after the launch (%s)",
                seconds(progress.firstCommit() - progress.launched()), projection.readyLine()));
        print(String.format(Locale.ROOT, "  throughput: %,d records committed in %.1f s after the first commit (%,d): %,.0f events/s;"
                        + " from the launch: %.1f s, %,.0f events/s", progress.records() - progress.recordsAtFirstCommit(),
                seconds(progress.end() - progress.firstCommit()), progress.recordsAtFirstCommit(), rate,
                seconds(progress.end() - progress.launched()), progress.records() / seconds(progress.end() - progress.launched())));
        print("  committed per 10 s from the first commit (events/s): " + ratesBy(samples, progress.firstCommit(), SUMMARY_SECONDS));
        long half = progress.recordsAtFirstCommit() + (progress.records() - progress.recordsAtFirstCommit()) / 2;
        long[] halfway = samples.stream().filter(sample -> sample[1] >= half).findFirst().orElseThrow();
        double secondHalf = (progress.records() - halfway[1]) / seconds(progress.end() - halfway[0]);
        print(String.format(Locale.ROOT, "  the second half of the records (the JIT has compiled the hot paths by then): %,.0f events/s"
                + " over %.1f s", secondHalf, seconds(progress.end() - halfway[0])));
        print("  CPU from the first commit to the last: " + consuming.describe(progress.records() - progress.recordsAtFirstCommit()));
        print("  CPU from the launch (start-up included): " + fromLaunch.describe(progress.records()));
        print("  load average before " + loadBefore + ", after " + loadAverage());
        print("  the graph: " + graphCounts(taggings));
        print("  the projection's summary lines:");
        projection.summaryLines().forEach(line -> print("    " + line));
        results.put("backlog", String.format(Locale.ROOT, "%,.0f events/s from the first commit (%,d events; the second half %,.0f/s);"
                        + " start-up %.1f s to the first commit; load average %s", rate, progress.records(), secondHalf,
                seconds(progress.firstCommit() - progress.launched()), loadAverage()));
        results.put("backlog CPU", consuming.brief(progress.records() - progress.recordsAtFirstCommit()));
    }

    @Test
    @Order(2)
    void commit_to_graph_latency_at_a_steady_rate() throws Exception {
        if (projection == null) {
            throw new IllegalStateException("the backlog phase did not start the projection");
        }
        header(String.format(Locale.ROOT, "Latency: %,d events/s, one per transaction, on %d connections; %d s of warm-up, then %d s"
                + " measured (%d summary intervals)", RATE, WRITERS, WARMUP_SECONDS, MEASURED_INTERVALS * SUMMARY_SECONDS,
                MEASURED_INTERVALS));
        try (Connection connection = connect()) {
            // the backlog's dead rows and its checkpoint belong to the backlog, not to this phase
            for (String sql : List.of("vacuum analyze items", "vacuum analyze outbox", "vacuum analyze aggregate_version", "checkpoint")) {
                execute(connection, sql);
            }
        }
        Receiver receiver = new Receiver(bootstrapServers);
        PacedWriters writers = new PacedWriters();
        try {
            String loadBefore = loadAverage();
            long started = writers.start();
            sleepUntil(started + Duration.ofSeconds(WARMUP_SECONDS).toNanos());
            int before = projection.histogramLines().size();
            HistogramLine first = projection.awaitHistogramLine(before, writers::requireRunning);
            Cpu firstCpu = cpu();
            Instant measureFrom = Instant.now();
            long measureFromNanos = System.nanoTime();
            profile(startProfile());
            HistogramLine last = projection.awaitHistogramLine(before + MEASURED_INTERVALS, writers::requireRunning);
            Instant measureTo = Instant.now();
            long measureToNanos = System.nanoTime();
            CpuUse used = firstCpu.until(cpu());
            stopProfile("latency");
            writers.stop();

            Histogram measured = last.histogram().minus(first.histogram());
            long committedInWindow = writers.committedBetween(measureFromNanos, measureToNanos);
            String graph = String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", measured.percentile(50),
                    measured.percentile(90), measured.percentile(99), measured.max());
            latencyP99 = measured.percentile(99);
            print(String.format(Locale.ROOT, "  written: %,d transactions in %.1f s (%,.0f/s); began late by p50 %.2f ms, p99 %.2f ms,"
                            + " max %.1f ms; the insert or update and its commit took p50 %.2f ms, p99 %.2f ms",
                    writers.count(), seconds(writers.lastCommit() - started), writers.count() / seconds(writers.lastCommit() - started),
                    writers.latePercentile(0.5) / 1e6, writers.latePercentile(0.99) / 1e6, writers.maxLate() / 1e6,
                    writers.tookPercentile(0.5) / 1e6, writers.tookPercentile(0.99) / 1e6));
            print(String.format(Locale.ROOT, "  measured from the projection's summary at %s to the one at %s (%.1f s): %,d events"
                            + " committed to Neo4j (%,d transactions committed to PostgreSQL in that time)", first.time(), last.time(),
                    Duration.between(measureFrom, measureTo).toMillis() / 1000.0, measured.count(), committedInWindow));
            print("  commit-to-graph (Neo4j's commit minus ce_time, the PostgreSQL transaction's start): " + graph);
            print("  of which commit to Kafka (this JVM's consumer's receipt minus ce_time, for the events received in the same"
                    + " time): " + receiver.describe(measureFrom, measureTo));
            print("  " + used.describe(measured.count()));
            print("  load average before " + loadBefore + ", after " + loadAverage());
            print("  the projection's summary lines of the phase:");
            projection.summaryLinesAfter(before).forEach(line -> print("    " + line));
            results.put("latency", String.format(Locale.ROOT, "%,d events at %,d/s: commit-to-graph %s; commit to Kafka %s;"
                    + " load average %s", measured.count(), RATE, graph, receiver.describe(measureFrom, measureTo), loadAverage()));
            results.put("latency CPU", used.brief(measured.count()));
        } finally {
            writers.stop();
            receiver.close();
        }
    }

    @Test
    @Order(3)
    void summary() {
        header("Summary (targets: >= 5,000 events/s on a backlog into the embedded Neo4j; commit-to-graph p99 <= 250 ms at 500"
                + " events/s)");
        results.forEach((name, figure) -> print(String.format(Locale.ROOT, "  %-12s %s", name, figure)));
        print(String.format(Locale.ROOT, "  throughput target: %s (%,.0f events/s)", backlogRate >= THROUGHPUT_TARGET ? "met" : "NOT met",
                backlogRate));
        print(String.format(Locale.ROOT, "  latency target: %s (p99 %.0f ms)", latencyP99 <= P99_TARGET_MS ? "met" : "NOT met",
                latencyP99));
        print("  load average now " + loadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    // --- the backlog ---

    private void writeBacklog(Connection connection) throws SQLException {
        long began = System.nanoTime();
        execute(connection, """
                insert into "user" (id, name, email, email_verified, created_at, updated_at)
                select %s, 'Benchmark user ' || g, 'bench' || g || '@example.com', g %% 2 = 0, now(), now()
                from generate_series(0, %d) g""".formatted(USER_ID.formatted("g"), USERS - 1));
        execute(connection, """
                insert into tags (id, name, color, created_by)
                select %s, 'bench-tag-' || g, '#6b7280', %s from generate_series(0, %d) g"""
                .formatted(TAG_ID.formatted("g"), USER_ID.formatted("g % " + USERS), TAGS - 1));
        print(String.format(Locale.ROOT, "  users and tags: %.1f s", seconds(System.nanoTime() - began)));
        began = System.nanoTime();
        for (long from = 0; from < ITEMS; from += TRANSACTION_ROWS) {
            long to = Math.min(ITEMS, from + TRANSACTION_ROWS) - 1;
            execute(connection, """
                    insert into items (id, user_id, title, description, content, status, created_at, updated_at)
                    select %s, %s, 'Benchmark item ' || g, 'An item of the graph benchmark, described as a user would.',
                           null, (case when g %% 5 = 0 then 'draft' else 'published' end)::item_status, now(), now()
                    from generate_series(%d, %d) g""".formatted(ITEM_ID.formatted("g"), USER_ID.formatted("g % " + USERS), from, to));
            // half of the items have a tag, a sixth two: in the item's transaction, so its one event carries them
            execute(connection, """
                    insert into item_tags (item_id, tag_id)
                    select %s, %s from generate_series(%d, %d) g where g %% 2 = 0
                    union all
                    select %s, %s from generate_series(%d, %d) g where g %% 6 = 0"""
                    .formatted(ITEM_ID.formatted("g"), TAG_ID.formatted("g % " + TAGS), from, to,
                            ITEM_ID.formatted("g"), TAG_ID.formatted("(g + " + (TAGS / 2) + ") % " + TAGS), from, to));
            connection.commit();
        }
        print(String.format(Locale.ROOT, "  items and their tags: %.1f s", seconds(System.nanoTime() - began)));
        began = System.nanoTime();
        for (long from = 0; from < FILES; from += TRANSACTION_ROWS) {
            long to = Math.min(FILES, from + TRANSACTION_ROWS) - 1;
            // file g on item (7g mod items), owned by that item's owner
            execute(connection, """
                    insert into files (id, user_id, item_id, filename, storage_key, url, size, mime_type)
                    select %s, %s, %s, 'file-' || g || '.txt', 'benchmark/' || g, null, 1000 + g, 'text/plain'
                    from generate_series(%d, %d) g""".formatted(FILE_ID.formatted("g"),
                    USER_ID.formatted("((7 * g) % " + ITEMS + ") % " + USERS), ITEM_ID.formatted("(7 * g) % " + ITEMS), from, to));
            connection.commit();
        }
        print(String.format(Locale.ROOT, "  files: %.1f s", seconds(System.nanoTime() - began)));
        began = System.nanoTime();
        long stride = Math.max(1, ITEMS / Math.max(1, UPDATES));
        for (long from = 0; from < UPDATES; from += TRANSACTION_ROWS) {
            long to = Math.min(UPDATES, from + TRANSACTION_ROWS) - 1;
            execute(connection, """
                    update items set title = title || ' (edited)', status = 'published', updated_at = now()
                    from generate_series(%d, %d) g where items.id = %s""".formatted(from, to, ITEM_ID.formatted("g * " + stride)));
            connection.commit();
        }
        print(String.format(Locale.ROOT, "  item updates: %.1f s", seconds(System.nanoTime() - began)));
        connection.commit();
    }

    // --- the latency phase's writers and consumer ---

    /**
     * {@link #WRITERS} connections that together begin one transaction every {@code 1/RATE} s, each on its schedule
     * (no catching up in bursts): even numbers insert an item with a tag in one statement, odd ones update a backlog
     * item. Autocommit: the statement is the transaction.
     */
    final class PacedWriters {
        private static final int CAPACITY = 1 << 20;
        private final long[] committed = new long[CAPACITY];
        private final long[] late = new long[CAPACITY];
        private final long[] took = new long[CAPACITY];
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;
        private long start;

        long start() throws SQLException {
            List<Connection> connections = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Properties properties = new Properties();
                properties.setProperty("user", EmbeddedDatabaseServer.USER);
                properties.setProperty("ApplicationName", WRITER_APPLICATION_NAME);
                connections.add(DriverManager.getConnection(database.jdbcUrl(), properties));
            }
            start = System.nanoTime() + Duration.ofMillis(100).toNanos();
            double interval = 1e9 / RATE;
            for (Connection connection : connections) {
                Thread thread = new Thread(() -> write(connection, interval), "benchmark-writer-" + threads.size());
                threads.add(thread);
                thread.start();
            }
            return start;
        }

        private void write(Connection connection, double interval) {
            try (connection;
                 PreparedStatement insert = connection.prepareStatement("""
                         with item as (
                             insert into items (id, user_id, title, description, content, status, created_at, updated_at)
                             values (?, ?, ?, 'Written by the graph benchmark at a steady rate.', null, 'published', now(), now())
                             returning id)
                         insert into item_tags (item_id, tag_id) select id, ? from item""");
                 PreparedStatement update = connection.prepareStatement(
                         "update items set title = ?, updated_at = now() where id = ?")) {
                for (int i = next.getAndIncrement(); running && i < CAPACITY; i = next.getAndIncrement()) {
                    long due = start + (long) (i * interval);
                    for (long wait = due - System.nanoTime(); wait > 0 && running; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!running) {
                        return;
                    }
                    long begin = System.nanoTime();
                    if (i % 2 == 0) {
                        insert.setString(1, "itm_gl" + pad(i, 10));
                        insert.setString(2, "usr_gb" + pad(i % USERS, 10));
                        insert.setString(3, "Paced item " + i);
                        insert.setString(4, "tag_gb" + pad(i % TAGS, 6));
                        insert.executeUpdate();
                    } else {
                        long item = ((long) i * 7919) % ITEMS;
                        update.setString(1, "Benchmark item " + item + " (paced edit " + i + ")");
                        update.setString(2, "itm_gb" + pad(item, 10));
                        update.executeUpdate();
                    }
                    long end = System.nanoTime();
                    committed[i] = end;
                    late[i] = begin - due;
                    took[i] = end - begin;
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        void requireRunning() {
            if (failure.get() != null) {
                throw new AssertionError("a paced writer failed", failure.get());
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            requireRunning();
        }

        private long[] done(long[] values) {
            int count = count();
            long[] copy = new long[count];
            int n = 0;
            for (int i = 0; i < Math.min(CAPACITY, next.get()) && n < count; i++) {
                if (committed[i] != 0) {
                    copy[n++] = values[i];
                }
            }
            return Arrays.copyOf(copy, n);
        }

        int count() {
            int count = 0;
            for (int i = 0; i < Math.min(CAPACITY, next.get()); i++) {
                count += committed[i] != 0 ? 1 : 0;
            }
            return count;
        }

        long committedBetween(long from, long to) {
            return Arrays.stream(done(committed)).filter(at -> at >= from && at < to).count();
        }

        long lastCommit() {
            return Arrays.stream(done(committed)).max().orElse(start);
        }

        long latePercentile(double p) {
            return percentile(done(late), p);
        }

        long maxLate() {
            return Arrays.stream(done(late)).max().orElse(0);
        }

        long tookPercentile(double p) {
            return percentile(done(took), p);
        }
    }

    /**
     * One consumer of the four topics from their ends, on a thread of its own: decodes each record with the contract's
     * strict decoder and notes its receipt minus its {@code ce_time}.
     */
    static final class Receiver implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final EventDecoder decoder = new EventDecoder();
        private final List<long[]> received = new ArrayList<>(); // {receipt epoch ms, latency µs}
        private volatile boolean running = true;
        private volatile Throwable failure;

        Receiver(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", bootstrapServers,
                    "enable.auto.commit", "false",
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", ByteArrayDeserializer.class.getName()));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics()) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the writers begin
            thread = new Thread(this::run, "benchmark-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    Instant now = Instant.now();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        TrellisEvent event = decoder.decode(record.topic() + "-" + record.partition() + "@" + record.offset(),
                                name -> header(record, name), record.value());
                        long micros = Duration.between(event.time(), now).toNanos() / 1_000;
                        synchronized (received) {
                            received.add(new long[]{now.toEpochMilli(), micros});
                        }
                    }
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                consumer.close();
            }
        }

        private static String header(ConsumerRecord<String, byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        String describe(Instant from, Instant to) {
            if (failure != null) {
                throw new AssertionError("the benchmark's consumer failed", failure);
            }
            long[] latencies;
            synchronized (received) {
                latencies = received.stream().filter(r -> r[0] >= from.toEpochMilli() && r[0] < to.toEpochMilli())
                        .mapToLong(r -> r[1]).toArray();
            }
            return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%,d events, each decoded"
                            + " strictly)", percentile(latencies, 0.5) / 1e3, percentile(latencies, 0.9) / 1e3,
                    percentile(latencies, 0.99) / 1e3, Arrays.stream(latencies).max().orElse(0) / 1e3, latencies.length);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    // --- the projection ---

    record Downstream(String bootstrapServers, String topicPrefix, String groupId, Path dataDir) {
    }

    private Downstream downstream() {
        return new Downstream(bootstrapServers, NAME, GROUP, root.resolve("graph"));
    }

    /** {@code java -jar trellis-graph.jar} in a JVM of its own, its log read back for the summary and histogram lines. */
    static final class Projection implements AutoCloseable {

        private final Process process;
        private final int boltPort;
        final Path log;

        private Projection(Process process, int boltPort, Path log) {
            this.process = process;
            this.boltPort = boltPort;
            this.log = log;
        }

        static Projection start(Downstream downstream, int boltPort) throws IOException {
            Path logback = OUTPUT.resolve("logback.xml").toAbsolutePath();
            // the jar's own console setup, plus the histogram since the start after each summary line
            Files.writeString(logback, """
                    <configuration>
                        <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
                        <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
                        </appender>
                        <logger name="dev.trellis.graph" level="INFO"/>
                        <logger name="dev.trellis.event.consumer" level="INFO"/>
                        <logger name="dev.trellis.graph.LatencyHistogram" level="DEBUG"/>
                        <logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
                        <root level="WARN"><appender-ref ref="CONSOLE"/></root>
                    </configuration>
                    """);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (!PROJECTION_JVM_ARGS.isEmpty()) {
                command.addAll(List.of(PROJECTION_JVM_ARGS.split("\\s+")));
            }
            command.addAll(List.of("-Dlogback.configurationFile=" + logback, "-jar", PROJECTION_JAR.toAbsolutePath().toString()));
            Path log = OUTPUT.resolve("projection.log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", downstream.bootstrapServers(),
                    "TRELLIS_TOPIC_PREFIX", downstream.topicPrefix(),
                    "TRELLIS_GRAPH_GROUP_ID", downstream.groupId(),
                    "NEO4J_BOLT_PORT", Integer.toString(boltPort),
                    "TRELLIS_DATA_DIR", downstream.dataDir().toString()));
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "graph-benchmark-projection"));
            print("  the projection: " + String.join(" ", command.subList(1, command.size())) + ", Bolt on " + boltPort + "; its log: "
                    + log);
            return new Projection(process, boltPort, log);
        }

        long pid() {
            return process.pid();
        }

        void requireAlive() throws IOException {
            if (!process.isAlive()) {
                throw new AssertionError("the projection exited with " + process.exitValue() + "; see " + log + ":\n" + tail());
            }
        }

        String boltUri() {
            return "bolt://127.0.0.1:" + boltPort;
        }

        List<String> lines() throws IOException {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        }

        /** The start-up line's timings ("ready in … ms (Neo4j … ms, planning the statements … ms)"). */
        String readyLine() throws IOException {
            return lines().stream().filter(line -> line.contains("ready in")).findFirst()
                    .map(line -> "the projection: \"ready in" + line.substring(line.lastIndexOf("ready in") + 8) + "\"")
                    .orElse("no start-up line");
        }

        List<String> summaryLines() throws IOException {
            return lines().stream().filter(line -> line.contains(" Summary - ") || line.contains(" WARN ") || line.contains(" ERROR "))
                    .toList();
        }

        /** The summary lines from the one logged with histogram line {@code index} on. */
        List<String> summaryLinesAfter(int index) throws IOException {
            List<String> summaries = lines().stream().filter(line -> line.contains(" Summary - ")).toList();
            return summaries.subList(Math.min(summaries.size(), index), summaries.size());
        }

        List<HistogramLine> histogramLines() throws IOException {
            return lines().stream().filter(line -> line.contains(HISTOGRAM_LINE)).map(HistogramLine::parse).toList();
        }

        /** Waits for histogram line {@code index} (0 is the first the projection logged), one every summary interval. */
        HistogramLine awaitHistogramLine(int index, Runnable check) throws Exception {
            long seconds = (long) SUMMARY_SECONDS * (Math.max(0, index - histogramLines().size()) + 3);
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (true) {
                List<HistogramLine> lines = histogramLines();
                if (lines.size() > index) {
                    return lines.get(index);
                }
                requireAlive();
                check.run();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no summary line " + (index + 1) + " within " + seconds + " s; see " + log);
                }
                Thread.sleep(50);
            }
        }

        private String tail() throws IOException {
            List<String> lines = lines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: the projection's own shutdown
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** A histogram line of the projection's log: when it was logged, and the latencies since its start. */
    record HistogramLine(String time, Histogram histogram) {
        static HistogramLine parse(String line) {
            return new HistogramLine(line.substring(0, line.indexOf(' ')),
                    Histogram.parse(line.substring(line.indexOf(HISTOGRAM_LINE) + HISTOGRAM_LINE.length())));
        }
    }

    /**
     * The projection's histogram line read back: its {@code ms=count} pairs, as graph-projection's
     * {@code LatencyHistogram.Snapshot.encode()} writes them (1-ms buckets; the last, 10,000, holds the slower ones).
     */
    record Histogram(TreeMap<Long, Long> counts) {

        static Histogram parse(String text) {
            TreeMap<Long, Long> counts = new TreeMap<>();
            for (String pair : text.trim().split("\\s+")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    counts.put(Long.parseLong(pair.substring(0, equals)), Long.parseLong(pair.substring(equals + 1)));
                }
            }
            return new Histogram(counts);
        }

        /** What was recorded after {@code earlier}. */
        Histogram minus(Histogram earlier) {
            TreeMap<Long, Long> difference = new TreeMap<>();
            counts.forEach((ms, count) -> {
                long between = count - earlier.counts.getOrDefault(ms, 0L);
                if (between < 0) {
                    throw new IllegalStateException("the histogram lines are not cumulative: " + ms + " ms went from "
                            + earlier.counts.get(ms) + " to " + count);
                }
                if (between > 0) {
                    difference.put(ms, between);
                }
            });
            return new Histogram(difference);
        }

        long count() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Nearest rank, {@code p} in percent; 0 when empty. */
        long percentile(double p) {
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count()));
            long seen = 0;
            for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
                seen += bucket.getValue();
                if (seen >= rank) {
                    return bucket.getKey();
                }
            }
            return 0;
        }

        long max() {
            return counts.isEmpty() ? 0 : counts.lastKey();
        }
    }

    /** Per thread, so that a wall-clock profile ({@code -Dbenchmark.profile-event=wall}) shows the loop's thread apart. */
    private static String startProfile() {
        return "start,event=" + PROFILE_EVENT + ",threads" + (PROFILE_EVENT.equals("wall") ? ",interval=5ms" : "");
    }

    /** The phase's profile as a flame graph, and as collapsed stacks (one line per stack with its samples) to grep. */
    private void stopProfile(String phase) throws Exception {
        profile("dump,collapsed,threads,file=" + Path.of("target", "graph-sync-profile-" + phase + ".collapsed").toAbsolutePath());
        profile("stop,file=" + Path.of("target", "graph-sync-profile-" + phase + ".html").toAbsolutePath());
    }

    /** What the projection's JVM is told to do by async-profiler's agent, when -Dbenchmark.profile=true. */
    private void profile(String command) throws Exception {
        if (!PROFILE) {
            return;
        }
        VirtualMachine vm = VirtualMachine.attach(Long.toString(projection.pid()));
        try {
            vm.loadAgentPath(PROFILER.toAbsolutePath().toString(), command);
        } finally {
            vm.detach();
        }
        if (command.contains("file=")) {
            print("  profile of the projection's JVM: " + command.substring(command.indexOf("file=") + 5));
        }
    }

    /** Nodes per label and relationships per type, by Neo4j's count store, beside what the backlog holds. */
    private String graphCounts(long taggings) {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("User", (long) USERS);
        expected.put("Tag", (long) TAGS);
        expected.put("Item", (long) ITEMS);
        expected.put("File", (long) FILES);
        expected.put("Tombstone", 0L);
        expected.put("OWNS", (long) ITEMS);
        expected.put("TAGGED", taggings);
        expected.put("HAS_FILE", (long) FILES);
        expected.put("UPLOADED", (long) FILES);
        expected.put("CREATED", (long) TAGS);
        List<String> parts = new ArrayList<>();
        try (Driver driver = GraphDatabase.driver(projection.boltUri(), AuthTokens.none()); Session session = driver.session()) {
            expected.forEach((name, count) -> {
                String query = Character.isUpperCase(name.charAt(1))
                        ? "MATCH ()-[r:" + name + "]->() RETURN count(r)"
                        : "MATCH (n:" + name + ") RETURN count(n)";
                long actual = session.run(query).single().get(0).asLong();
                parts.add(String.format(Locale.ROOT, "%s %,d%s", name, actual,
                        actual == count ? "" : String.format(Locale.ROOT, " (the backlog has %,d)", count)));
            });
            long nodes = session.run("MATCH (n) RETURN count(n)").single().get(0).asLong();
            long relationships = session.run("MATCH ()-[r]->() RETURN count(r)").single().get(0).asLong();
            return String.format(Locale.ROOT, "%,d nodes, %,d relationships: %s", nodes, relationships, String.join(", ", parts));
        }
    }

    // --- the application, the database, the broker ---

    private List<String> appArgs() {
        return Stream.of(FaultKit.databaseArgs(database.jdbcUrl()), List.of(
                        "--trellis.relay.enabled=true",
                        "--trellis.relay.slot-name=" + NAME,
                        "--trellis.relay.publication-name=" + NAME,
                        "--trellis.relay.topic-prefix=" + NAME,
                        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "--trellis.data-dir=" + root.resolve("app"),
                        "--server.port=0",
                        "--BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
                        "--trellis.demo-data=false",
                        "--management.endpoints.web.exposure.include=health,metrics"))
                .flatMap(List::stream).toList();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedDatabaseServer.USER);
        properties.setProperty("ApplicationName", "graph-benchmark");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    private boolean slotExists() {
        try (Connection connection = connect()) {
            return queryLong(connection, "select count(*) from pg_replication_slots where slot_name = '" + NAME + "'") > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    private long relayedPosition() {
        try (Connection connection = connect()) {
            return queryLong(connection, "select coalesce(max(relayed_position), 0) from relay_progress where relay = '" + NAME + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> topics() {
        return Stream.of("user", "item", "tag", "file").map(type -> NAME + "." + type).toList();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics()).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
            ends.put(end.getKey(), end.getValue().offset());
        }
        return ends;
    }

    /** The records the projection's group has committed, over all partitions. */
    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** When the projection was launched, first committed (and how many records), and had committed them all. */
    record Progress(long launched, long firstCommit, long recordsAtFirstCommit, long end, long records) {
    }

    // --- CPU ---

    /** CPU time used so far (ns) by each process, and the machine's busy and total ticks. */
    record Cpu(long wall, Map<String, Long> processes, long machineBusy, long machineTotal) {

        CpuUse until(Cpu end) {
            double seconds = (end.wall - wall) / 1e9;
            Map<String, Double> cores = new LinkedHashMap<>();
            double known = 0;
            for (Map.Entry<String, Long> process : end.processes.entrySet()) {
                double used = (process.getValue() - processes.getOrDefault(process.getKey(), 0L)) / 1e9 / seconds;
                cores.put(process.getKey(), used);
                known += used;
            }
            double machine = end.machineTotal == machineTotal ? 0 : Runtime.getRuntime().availableProcessors()
                    * (double) (end.machineBusy - machineBusy) / (end.machineTotal - machineTotal);
            cores.put("other processes", Math.max(0, machine - known));
            return new CpuUse(seconds, machine, cores);
        }
    }

    private Cpu cpu() {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("projection", projection == null ? 0L : processCpu(projection.pid()));
        processes.put("application", app == null ? 0L : childAppCpu());
        processes.put("PostgreSQL", postgresCpu());
        processes.put("broker and benchmark JVM", ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L);
        long[] machine = machine();
        return new Cpu(System.nanoTime(), processes, machine[0], machine[1]);
    }

    /** Cores busy on average over a stretch of time, by process. */
    record CpuUse(double seconds, double machine, Map<String, Double> cores) {

        String describe(long events) {
            String parts = cores.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "cores busy (of %d) over %.1f s: machine %.2f = %s; per event: projection %.0f µs,"
                            + " application %.0f µs, PostgreSQL %.0f µs", Runtime.getRuntime().availableProcessors(), seconds, machine,
                    parts, perEvent("projection", events), perEvent("application", events), perEvent("PostgreSQL", events));
        }

        String brief(long events) {
            return String.format(Locale.ROOT, "projection %.2f cores (%.0f µs/event), application %.2f, PostgreSQL %.2f, broker and"
                            + " benchmark %.2f, others %.2f; machine %.2f of %d", cores.get("projection"), perEvent("projection", events),
                    cores.get("application"), cores.get("PostgreSQL"), cores.get("broker and benchmark JVM"),
                    cores.get("other processes"), machine, Runtime.getRuntime().availableProcessors());
        }

        private double perEvent(String process, long events) {
            return events == 0 ? 0 : cores.get(process) * seconds * 1e6 / events;
        }
    }

    private static long processCpu(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    /** The application's child JVM, found among this JVM's children by its main class (ProcessHandle.Info cuts long command lines). */
    private static long childAppCpu() {
        return ProcessHandle.current().children().filter(child -> {
            try {
                return Files.readString(Path.of("/proc/" + child.pid() + "/cmdline")).contains(TrellisApplication.class.getName());
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }).mapToLong(child -> processCpu(child.pid())).sum();
    }

    /**
     * The postmaster with the backends it has reaped (cutime, cstime), plus the living ones: a backend that ends
     * between two samples still counts.
     */
    private long postgresCpu() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(database.dataDirectory().resolve("postmaster.pid")).get(0).strip());
            String[] fields = stat(postmaster);
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            long nanos = ticks * 10_000_000L; // USER_HZ 100
            return nanos + ProcessHandle.of(postmaster).map(handle -> handle.descendants()
                    .mapToLong(child -> {
                        try {
                            String[] childFields = stat(child.pid());
                            return (Long.parseLong(childFields[11]) + Long.parseLong(childFields[12])) * 10_000_000L;
                        } catch (IOException | RuntimeException gone) {
                            return 0;
                        }
                    }).sum()).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    // --- small things ---

    /** The rate of a growing count in consecutive windows from {@code from}, from samples {time, count}. */
    private static String ratesBy(List<long[]> samples, long from, int windowSeconds) {
        List<String> rates = new ArrayList<>();
        long windowStart = from;
        long countAtStart = samples.stream().filter(sample -> sample[0] >= from).findFirst().map(sample -> sample[1]).orElse(0L);
        for (long[] sample : samples) {
            if (sample[0] - windowStart >= windowSeconds * 1_000_000_000L) {
                rates.add(String.format(Locale.ROOT, "%,.0f", (sample[1] - countAtStart) / seconds(sample[0] - windowStart)));
                windowStart = sample[0];
                countAtStart = sample[1];
            }
        }
        long[] last = samples.get(samples.size() - 1);
        if (last[0] > windowStart) {
            rates.add(String.format(Locale.ROOT, "%,.0f (last %.1f s)", (last[1] - countAtStart) / seconds(last[0] - windowStart),
                    seconds(last[0] - windowStart)));
        }
        return String.join(", ", rates);
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }

    private static void header(String title) {
        print("");
        print("== " + title);
    }

    private static void print(String line) {
        System.out.println(line);
        try {
            Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
