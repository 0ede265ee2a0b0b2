package dev.trellis.bootstrap.relay;

import dev.trellis.bootstrap.wiring.relay.RelayConfiguration;
import dev.trellis.bootstrap.wiring.relay.RelayProperties;
import com.sun.management.OperatingSystemMXBean;
import dev.trellis.adapter.messaging.relay.postgres.LogicalReplication;
import dev.trellis.adapter.messaging.relay.postgres.ReplicationSlots;
import dev.trellis.adapter.messaging.relay.OutboxRelay;
import dev.trellis.adapter.messaging.relay.RelayMetrics;
import dev.trellis.adapter.messaging.relay.RelaySettings;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import dev.trellis.bootstrap.kafka.TestKafka;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * What the outbox relay delivers on this machine, measured and printed, never asserted: its
 * throughput on a backlog and under a writer that writes as fast as it can, and the time from an
 * event's commit to a consumer's receipt at a steady 1,000 events/s.
 * <p>
 * Not part of {@code verify} (its name is not a test name, and it needs {@code -Dbenchmark=true}):
 * <pre>
 * ./mvnw -B -ntp -pl bootstrap -am test -Dbenchmark=true -Dtest=RelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dbenchmark.events} (200000, the backlog), {@code -Dbenchmark.warmup-events} (20000 per round of the JVM's
 * warm-up), {@code -Dbenchmark.max-warmup-seconds} (300),
 * {@code -Dbenchmark.sustained-seconds} (30), {@code -Dbenchmark.transaction-rows} (100, the sustained writer's
 * transactions), {@code -Dbenchmark.writers} (1, sustained writers), {@code -Dbenchmark.rate} (1000 events/s, one
 * event per transaction), {@code -Dbenchmark.latency-seconds} (30) and {@code -Dbenchmark.latency-writers} (16, the
 * connections the paced writer commits on: a commit waits for the disk, so one connection cannot keep 1 ms apart)
 * change it. The relay's and the producer's settings are the application's
 * ({@code application.yml}); a {@code -Dtrellis.relay.…} or {@code -Dspring.kafka.producer.…} on the command line
 * overrides them for a trial.
 * <p>
 * The database is the application's own embedded PostgreSQL ({@link EmbeddedDatabaseServer}: fsync,
 * synchronous_commit and full_page_writes on, on disk in a temporary folder), not the test server, which runs
 * with fsync off. Kafka is a real broker in this JVM ({@link TestKafka}). The relay is built as
 * {@link RelayConfiguration} builds it, from the application's {@code KafkaTemplate}, pool and
 * {@code trellis.relay.*} settings, but by the benchmark, one instance per phase, so that each phase has its
 * own meters (the relay's commit-to-ack timer among them) and the backlog can be written while no relay runs.
 * Events are {@code item.updated} rows of about 400 bytes of JSON on 1,000 items, each stamped with the
 * item's next version as the application stamps them. One consumer in this JVM reads them all.
 * Everything shares the two cores: the figures include the broker's and the consumer's CPU, and that of
 * whatever else runs on the machine (the load average is printed with each phase). The figures go to the
 * console and to {@code bootstrap/target/relay-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=" + AuthTestSupport.ORIGIN,
        "trellis.demo-data=false",
        "trellis.relay.enabled=false", // the benchmark runs the relay itself, one instance per phase
        "logging.level.root=WARN"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayBenchmark {

    static final int EVENTS = Integer.getInteger("benchmark.events", 200_000);
    static final int WARMUP_EVENTS = Integer.getInteger("benchmark.warmup-events", 20_000) / 1_000 * 1_000;
    static final int MAX_WARMUP_SECONDS = Integer.getInteger("benchmark.max-warmup-seconds", 300);
    static final int SUSTAINED_SECONDS = Integer.getInteger("benchmark.sustained-seconds", 30);
    static final int TRANSACTION_ROWS = Integer.getInteger("benchmark.transaction-rows", 100);
    static final int WRITERS = Integer.getInteger("benchmark.writers", 1);
    static final int RATE = Integer.getInteger("benchmark.rate", 1_000);
    static final int LATENCY_SECONDS = Integer.getInteger("benchmark.latency-seconds", 30);
    static final int LATENCY_WRITERS = Integer.getInteger("benchmark.latency-writers", 16);
    /** The backlog is written in transactions of this many rows (generate_series). */
    static final int BULK_ROWS = 10_000;
    static final int AGGREGATES = 1_000;
    static final double THROUGHPUT_TARGET = 10_000;
    static final double P99_TARGET_MS = 100;
    static final String REPORT = "target/relay-benchmark.txt";
    static final String WRITER_APPLICATION_NAME = "trellis-benchmark-writer";
    /** CPU of writer threads that have ended, each adding its own at its end. */
    static final AtomicLong ENDED_WRITERS_CPU = new AtomicLong();

    /**
     * One outbox row per number in the range, with one statement: the payload stamped with the aggregate's next
     * version as the application stamps it. Ids are {@code obx_} + the phase's letter + 11 digits, so that the
     * consumer knows which phase (and, in the latency phase, which write) a record belongs to.
     */
    static final String BULK_INSERT = """
            insert into outbox (id, aggregate_type, aggregate_id, event_type, payload)
            select 'obx_' || ? || lpad(g::text, 11, '0'), 'item', aggregate_id, 'item.updated',
                   jsonb_build_object(
                       'schemaVersion', 1, 'id', aggregate_id, 'ownerId', 'usr_bench' || lpad((g % 97)::text, 7, '0'),
                       'title', 'Benchmark item ' || (g % 1000), 'description', ?::text, 'content', null,
                       'status', 'published', 'imageUrl', null,
                       'tagIds', jsonb_build_array('tag_benchone', 'tag_benchtwo'), 'fileIds', '[]'::jsonb,
                       'createdAt', '2026-01-01T00:00:00.000000Z', 'updatedAt', trellis_iso(now()))
                   || jsonb_build_object('version', trellis_next_version('item', aggregate_id))
            from (select g, 'itm_bench' || lpad((g % 1000)::text, 7, '0') as aggregate_id
                  from generate_series(?::bigint, ?::bigint) g) events""";
    /** One event, as OutboxPersistenceAdapter appends it (after marking the transaction as the application's). */
    static final String APPEND = """
            insert into outbox (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at)
            values (?, 'item', ?, 'item.updated', cast(? as jsonb) || jsonb_build_object('version', trellis_next_version('item', ?)),
                    null, ?)""";
    static final String DESCRIPTION = "A benchmark item: ordinary text, as a user would write it about the item.";

    static String payload(long g, String aggregateId, OffsetDateTime now) {
        return "{\"schemaVersion\":1,\"id\":\"" + aggregateId + "\",\"ownerId\":\"usr_bench" + pad(g % 97, 7)
                + "\",\"title\":\"Benchmark item " + (g % AGGREGATES) + "\",\"description\":\"" + DESCRIPTION
                + "\",\"content\":null,\"status\":\"published\",\"imageUrl\":null,\"tagIds\":[\"tag_benchone\",\"tag_benchtwo\"],"
                + "\"fileIds\":[],\"createdAt\":\"2026-01-01T00:00:00.000000Z\",\"updatedAt\":\"" + now.toInstant() + "\"}";
    }

    static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    static Path root;

    @DynamicPropertySource
    static void durableDatabaseAndBroker(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("trellis-relay-benchmark");
        int port = freePort();
        // no spring.datasource.url: the application starts its embedded PostgreSQL (fsync on) in <data-dir>/postgres
        registry.add("trellis.data-dir", () -> root.toString());
        registry.add("trellis.embedded-database.port", () -> port);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @Autowired
    EmbeddedDatabaseServer database;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaAdmin kafkaAdmin;
    @Autowired
    RelayProperties properties;

    final Map<String, String> results = new LinkedHashMap<>();
    final List<AutoCloseable> closeables = new ArrayList<>();
    Receiver receiver;
    Relay relay;
    long startedAt;
    double backlogRate;
    double sustainedRate;
    boolean sustainedKeptUp;
    double latencyP99Ms = Double.NaN;

    @BeforeAll
    void newReport() throws IOException {
        startedAt = System.nanoTime();
        Files.createDirectories(Path.of(REPORT).getParent());
        Files.writeString(Path.of(REPORT), "Trellis relay benchmark, " + Instant.now() + System.lineSeparator());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (relay != null) {
            relay.relay().close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        print("");
        print(String.format(Locale.ROOT, "Total: %.0f s", (System.nanoTime() - startedAt) / 1e9));
        // the context (and with it the embedded PostgreSQL) closes after this class (@DirtiesContext); its folder goes at exit
        Path folder = root;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(folder.toFile()),
                "relay-benchmark-cleanup"));
    }

    @Test
    @Order(1)
    void a_durable_database_and_a_warm_relay() throws Exception {
        header("Set-up");
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_level",
                "wal_sync_method", "logical_decoding_work_mem", "shared_buffers")) {
            settings.put(name, jdbc.sql("show " + name).query(String.class).single());
        }
        print("  PostgreSQL (the application's embedded server, not the test server): " + settings);
        print("  show fsync = " + settings.get("fsync") + ", show synchronous_commit = " + settings.get("synchronous_commit"));
        if (!settings.get("fsync").equals("on") || !settings.get("synchronous_commit").equals("on")) {
            throw new IllegalStateException("the benchmark needs a durable PostgreSQL, got " + settings);
        }
        LogicalReplication.requireAvailable(jdbc);
        print("  its data in " + database.dataDirectory() + " (" + Files.getFileStore(database.dataDirectory()).type() + ")");
        RelaySettings relaySettings = properties.settings(RelaySettings.DEFAULT_SCHEMA_BASE, ReplicationSlots.defaultName(jdbc));
        print("  relay: poll interval " + relaySettings.pollInterval().toMillis() + " ms, max batch size " + relaySettings.maxBatchSize()
                + ", topic " + relaySettings.topic("item") + " with " + relaySettings.topicPartitions() + " partitions");
        Map<String, Object> producer = kafka.getProducerFactory().getConfigurationProperties();
        Map<String, Object> shown = new TreeMap<>();
        for (String key : List.of("acks", "enable.idempotence", "max.in.flight.requests.per.connection", "linger.ms",
                "batch.size", "compression.type", "buffer.memory")) {
            shown.put(key, producer.getOrDefault(key, "(Kafka's default)"));
        }
        print("  producer: " + shown);
        print("  broker: one KRaft node in this JVM (TestKafka), log in a temporary folder; " + Runtime.getRuntime().availableProcessors()
                + " cores; Java " + Runtime.version() + "; load average " + loadAverage());
        print("  events: " + payloadShape());

        try (Writer writer = new Writer()) {
            long[] commits = new long[200];
            for (int i = 0; i < commits.length; i++) {
                long begin = System.nanoTime();
                writer.append('c', i, i);
                commits[i] = System.nanoTime() - begin;
            }
            print("  one event in its own transaction (insert + commit, WAL flushed to disk), one connection: " + summary(commits));
            results.put("single-event commit", String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms",
                    percentile(commits, 0.50) / 1e6, percentile(commits, 0.99) / 1e6));

            // The first relay snapshots those 200 rows and creates the slot; then rounds of events stream while the JIT
            // compiles the hot paths (slowly, on two shared cores), until it is mostly done and the rate holds.
            relay = startRelay();
            awaitTopic(relaySettings.topic("item"));
            receiver = new Receiver(relaySettings);
            closeables.add(receiver);
            await(relay.metrics()::relayedCount, commits.length, Duration.ofMinutes(5));
            long began = System.nanoTime();
            List<String> rounds = new ArrayList<>();
            double previous = 0;
            long written = 0;
            while (true) {
                Cpu cpu = Cpu.now(Map.of());
                long roundStart = System.nanoTime();
                for (long from = written; from < written + WARMUP_EVENTS; from += 1_000) {
                    writer.bulk('w', from, from + 999);
                }
                written += WARMUP_EVENTS;
                await(relay.metrics()::relayedCount, commits.length + written, Duration.ofMinutes(10));
                double rate = WARMUP_EVENTS / ((System.nanoTime() - roundStart) / 1e9);
                double jit = cpu.since(Map.of()).jvmGroups().get("JIT");
                rounds.add(String.format(Locale.ROOT, "%,.0f/s (JIT %.2f cores)", rate, jit));
                boolean steady = rounds.size() >= 3 && jit < 0.15 && Math.abs(rate / previous - 1) < 0.10;
                previous = rate;
                if (steady || System.nanoTime() - began > Duration.ofSeconds(MAX_WARMUP_SECONDS).toNanos()) {
                    break;
                }
            }
            await(() -> receiver.count('w'), written, Duration.ofMinutes(2));
            print(String.format(Locale.ROOT, "  JVM warm-up: %.0f s, rounds of %,d events written in bulk and relayed, until the JIT was"
                    + " mostly done and the rate held: %s", (System.nanoTime() - began) / 1e9, WARMUP_EVENTS, String.join(", ", rounds)));
        }
        relay.relay().close();
        relay = null;
    }

    @Test
    @Order(2)
    void a_backlog_written_while_no_relay_runs() throws Exception {
        header(String.format(Locale.ROOT, "Throughput on a backlog: %,d events written while the relay is stopped, then relayed", EVENTS));
        try (Writer writer = new Writer()) {
            long began = System.nanoTime();
            for (long from = 0; from < EVENTS; from += BULK_ROWS) {
                writer.bulk('p', from, Math.min(EVENTS, from + BULK_ROWS) - 1);
            }
            print(String.format(Locale.ROOT, "  written in %.1f s, in transactions of %,d rows (%.0f events/s)",
                    (System.nanoTime() - began) / 1e9, BULK_ROWS, EVENTS / ((System.nanoTime() - began) / 1e9)));
        }
        jdbc.sql("checkpoint").update(); // so that the relay's run does not also pay for the backlog's checkpoint
        Cpu cpu = Cpu.now(postgresProcesses());
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        relay = startRelay();
        Progress acked = await(relay.metrics()::relayedCount, EVENTS, Duration.ofMinutes(30));
        CpuUse used = cpu.since(postgresProcesses());
        Progress consumed = await(() -> receiver.count('p'), EVENTS, Duration.ofMinutes(10));
        double fromStart = EVENTS / ((acked.last() - started) / 1e9);
        double steady = (EVENTS - 1) / ((acked.last() - acked.first()) / 1e9);
        print(String.format(Locale.ROOT, "  Kafka acknowledged all %,d %.1f s after the relay started: %,.0f events/s (the engine's"
                        + " start took %.1f s; from the first acknowledgement on: %,.0f events/s)",
                EVENTS, (acked.last() - started) / 1e9, fromStart, (acked.first() - started) / 1e9, steady));
        print(String.format(Locale.ROOT, "  the consumer had all of them %.1f s after the relay started: %,.0f events/s",
                (consumed.last() - started) / 1e9, EVENTS / ((consumed.last() - started) / 1e9)));
        print("  " + used.describe(EVENTS, "relayed"));
        print("  load average before " + loadBefore + ", after " + loadAverage());
        results.put("backlog", String.format(Locale.ROOT, "%,.0f events/s acknowledged from the first acknowledgement (%,.0f from the"
                + " relay's start), consumed %,.0f events/s; load average %s", steady, fromStart,
                EVENTS / ((consumed.last() - started) / 1e9), loadAverage()));
        results.put("backlog CPU", used.brief(EVENTS));
        backlogRate = steady;
    }

    @Test
    @Order(3)
    void a_writer_writing_as_fast_as_it_can() throws Exception {
        header(String.format(Locale.ROOT, "Sustained: %d writer(s) committing transactions of %d events as fast as they can for %d s,"
                + " the relay running", WRITERS, TRANSACTION_ROWS, SUSTAINED_SECONDS));
        double base = relay.metrics().relayedCount();
        AtomicLong nextBlock = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong transactions = new AtomicLong();
        List<Writer> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new Writer());
            writers.get(w).rehearse();
        }
        String loadBefore = loadAverage();
        Cpu cpu = Cpu.now(postgresProcesses());
        long began = System.nanoTime();
        long deadline = began + Duration.ofSeconds(SUSTAINED_SECONDS).toNanos();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int w = 0; w < WRITERS; w++) {
            Writer writer = writers.get(w);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        long block = nextBlock.getAndIncrement();
                        writer.append('s', block * TRANSACTION_ROWS, (block + 1) * TRANSACTION_ROWS - 1);
                        written.addAndGet(TRANSACTION_ROWS);
                        transactions.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.set(e);
                } finally {
                    ENDED_WRITERS_CPU.addAndGet(Cpu.THREADS.getCurrentThreadCpuTime());
                }
            }, "benchmark-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        long maxBacklog = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            maxBacklog = Math.max(maxBacklog, written.get() - (long) (relay.metrics().relayedCount() - base));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long window = System.nanoTime() - began;
        CpuUse used = cpu.since(postgresProcesses());
        long relayedInWindow = (long) (relay.metrics().relayedCount() - base);
        long total = written.get();
        if (failure.get() != null) {
            throw failure.get();
        }
        for (Writer writer : writers) {
            writer.close();
        }
        Progress drained = await(() -> relay.metrics().relayedCount() - base, total, Duration.ofMinutes(30));
        Progress consumed = await(() -> receiver.count('s'), total, Duration.ofMinutes(10));
        double writeRate = total / (window / 1e9);
        double relayRate = relayedInWindow / (window / 1e9);
        double overall = total / ((drained.last() - began) / 1e9);
        print(String.format(Locale.ROOT, "  written: %,d events in %,d transactions in %.1f s: %,.0f events/s (%,.0f transactions/s)",
                total, transactions.get(), window / 1e9, writeRate, transactions.get() / (window / 1e9)));
        print(String.format(Locale.ROOT, "  relayed (acknowledged by Kafka) in the same %.1f s: %,d events, %,.0f events/s; the largest"
                + " backlog sampled %,d events", window / 1e9, relayedInWindow, relayRate, maxBacklog));
        double drainSeconds = (drained.last() - began - window) / 1e9;
        if (keptUp(writeRate, relayRate, drainSeconds)) {
            print("  the relay kept up with the writer: this is the writer's rate, not the relay's limit (-Dbenchmark.writers=N"
                    + " writes faster)");
        }
        print(String.format(Locale.ROOT, "  the rest was relayed %.1f s after the writer stopped: %,.0f events/s from the first write"
                + " to the last acknowledgement; the consumer had them all after %.1f s", (drained.last() - began - window) / 1e9,
                overall, (consumed.last() - began) / 1e9));
        print("  " + used.describe(relayedInWindow, "relayed"));
        print("  load average before " + loadBefore + ", after " + loadAverage());
        results.put("sustained", String.format(Locale.ROOT, "written %,.0f events/s, relayed %,.0f events/s while writing (%,.0f"
                        + " overall incl. the %.1f s drain), largest backlog %,d; load average %s", writeRate, relayRate, overall,
                (drained.last() - began - window) / 1e9, maxBacklog, loadAverage()));
        results.put("sustained CPU", used.brief(relayedInWindow));
        sustainedRate = relayRate;
        sustainedKeptUp = keptUp(writeRate, relayRate, drainSeconds);
        relay.relay().close();
        relay = null;
    }

    @Test
    @Order(4)
    void commit_to_consumer_latency_at_a_steady_rate() throws Exception {
        int total = RATE * LATENCY_SECONDS;
        header(String.format(Locale.ROOT, "Latency: %,d events/s for %d s, one event per transaction, each begun on its schedule"
                + " (every %.2f ms) on one of %d connections", RATE, LATENCY_SECONDS, 1000.0 / RATE, LATENCY_WRITERS));
        // the phases before wrote hundreds of thousands of rows: let autovacuum's and the checkpointer's catching up
        // happen now, not during the measurement
        jdbc.sql("vacuum analyze outbox").update();
        jdbc.sql("vacuum analyze aggregate_version").update();
        jdbc.sql("checkpoint").update();
        long walToReread = jdbc.sql("""
                        select coalesce(pg_wal_lsn_diff(confirmed_flush_lsn, restart_lsn), 0)::bigint
                        from pg_replication_slots where slot_name = ?""")
                .param(properties.settings(RelaySettings.DEFAULT_SCHEMA_BASE, ReplicationSlots.defaultName(jdbc)).slotName()).query(Long.class).optional().orElse(0L);
        relay = startRelay();
        awaitStreaming();
        long probeAt = System.nanoTime();
        try (Writer probe = new Writer()) {
            probe.append('x', 0, 0);
        }
        await(relay.metrics()::relayedCount, 1, Duration.ofMinutes(2));
        print(String.format(Locale.ROOT, "  a new relay; a probe event written once its slot was active took %.0f ms to Kafka"
                        + " (the walsender first decodes the %.0f MB of WAL from the slot's restart point to its confirmed position)",
                (System.nanoTime() - probeAt) / 1e6, walToReread / 1e6));
        receiver.expectLatencyEvents(total);

        long[] committed = new long[total];
        long[] late = new long[total];
        long[] commitTook = new long[total];
        AtomicInteger next = new AtomicInteger();
        List<Writer> writers = new ArrayList<>();
        for (int w = 0; w < LATENCY_WRITERS; w++) {
            writers.add(new Writer());
            writers.get(w).rehearse();
        }
        String loadBefore = loadAverage();
        Cpu cpu = Cpu.now(postgresProcesses());
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        double interval = 1e9 / RATE;
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < LATENCY_WRITERS; w++) {
            Writer writer = writers.get(w);
            Thread thread = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + (long) (i * interval);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        long begin = System.nanoTime();
                        writer.append('l', i, i);
                        long end = System.nanoTime(); // the commit time: the writer's clock as commit() returns
                        committed[i] = end;
                        late[i] = begin - due;
                        commitTook[i] = end - begin;
                    }
                } catch (Exception e) {
                    failure.set(e);
                } finally {
                    ENDED_WRITERS_CPU.addAndGet(Cpu.THREADS.getCurrentThreadCpuTime());
                }
            }, "benchmark-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long lastCommit = Arrays.stream(committed).max().orElse(start);
        CpuUse used = cpu.since(postgresProcesses());
        if (failure.get() != null) {
            throw failure.get();
        }
        for (Writer writer : writers) {
            writer.close();
        }
        await(() -> receiver.count('l'), total, Duration.ofMinutes(5));
        long[] latency = new long[total];
        for (int i = 0; i < total; i++) {
            latency[i] = receiver.received(i) - committed[i];
        }
        HistogramSnapshot relayTimer = relay.metrics().latency().takeSnapshot();
        double achieved = total / ((lastCommit - start) / 1e9);

        print(String.format(Locale.ROOT, "  written: %,d events in %.1f s, %,.0f events/s; began late by p50 %.2f ms, p99 %.2f ms, max %.1f ms;"
                        + " insert + commit took p50 %.2f ms, p99 %.2f ms", total, (lastCommit - start) / 1e9, achieved,
                percentile(late, 0.5) / 1e6, percentile(late, 0.99) / 1e6, max(late) / 1e6,
                percentile(commitTook, 0.5) / 1e6, percentile(commitTook, 0.99) / 1e6));
        String endToEnd = String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                percentile(latency, 0.5) / 1e6, percentile(latency, 0.9) / 1e6, percentile(latency, 0.99) / 1e6,
                percentile(latency, 0.999) / 1e6, max(latency) / 1e6);
        print("  commit to consumer (the consumer's receipt minus the writer's clock when commit() returned, same JVM): " + endToEnd);
        print("  by 5 s of the run, p50/p99 ms: " + byWindow(latency, committed, start, Duration.ofSeconds(5)));
        StringBuilder timer = new StringBuilder();
        for (ValueAtPercentile p : relayTimer.percentileValues()) {
            timer.append(String.format(Locale.ROOT, "p%s %.1f ms, ", trim(p.percentile() * 100), p.value(TimeUnit.MILLISECONDS)));
        }
        String relayOwn = String.format(Locale.ROOT, "%smax %.1f ms (n=%d)", timer, relayTimer.max(TimeUnit.MILLISECONDS), relayTimer.count());
        print("  the relay's own trellis.relay.latency (PostgreSQL's commit timestamp, in ms, to Kafka's acknowledgement;"
                + " Micrometer's estimate; the probe among them, so its max is the probe's): " + relayOwn);
        print("  " + used.describe(total, "written"));
        print("  load average before " + loadBefore + ", after " + loadAverage());
        results.put("latency", String.format(Locale.ROOT, "%,.0f events/s: commit to consumer %s; relay's timer %s; load average %s",
                achieved, endToEnd, relayOwn, loadAverage()));
        results.put("latency CPU", used.brief(total));
        latencyP99Ms = percentile(latency, 0.99) / 1e6;
        relay.relay().close();
        relay = null;
    }

    /** The relay relayed (nearly) everything while it was written and had the rest within a second. */
    private static boolean keptUp(double writeRate, double relayRate, double drainSeconds) {
        return relayRate >= 0.98 * writeRate && drainSeconds < 1;
    }

    @Test
    @Order(5)
    void summary() {
        header("Summary (targets: relay throughput >= 10,000 events/s; commit-to-consumer p99 <= 100 ms at 1,000 events/s)");
        results.forEach((name, figure) -> print(String.format(Locale.ROOT, "  %-20s %s", name, figure)));
        print(String.format(Locale.ROOT, "  throughput target: %s (backlog %,.0f events/s%s)",
                backlogRate >= THROUGHPUT_TARGET ? "met" : "NOT met", backlogRate,
                sustainedKeptUp ? "; the sustained relay kept up with its writer" : String.format(Locale.ROOT,
                        "; sustained %,.0f events/s", sustainedRate)));
        print(String.format(Locale.ROOT, "  latency target: %s (p99 %.1f ms)", latencyP99Ms <= P99_TARGET_MS ? "met" : "NOT met",
                latencyP99Ms));
        print("  load average now " + loadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    // --- the relay, the writer, the consumer ---

    record Relay(OutboxRelay relay, RelayMetrics metrics) {
    }

    /**
     * A relay as RelayConfiguration makes it, with meters of its own; started once the walsender of the one
     * before has let go of the slot (it may still be decoding when its client leaves; the relay would wait and retry).
     */
    private Relay startRelay() throws InterruptedException {
        LogicalReplication.requireAvailable(jdbc);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (slotActive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicReference<RelayMetrics> metrics = new AtomicReference<>();
        OutboxRelay outboxRelay = new OutboxRelay(properties.settings(RelaySettings.DEFAULT_SCHEMA_BASE, ReplicationSlots.defaultName(jdbc)), RelayConfiguration.endpoint(dataSource), dataSource, kafka,
                () -> Admin.create(kafkaAdmin.getConfigurationProperties()),
                (slotLag, leader) -> {
                    metrics.set(new RelayMetrics(meters, slotLag, leader));
                    return metrics.get();
                }, Clock.systemUTC());
        outboxRelay.start();
        return new Relay(outboxRelay, metrics.get());
    }

    /** The relay's slot is being read: an event committed from now on streams without waiting for the engine's start. */
    private void awaitStreaming() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!slotActive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the relay did not start streaming within 2 minutes");
            }
            Thread.sleep(20);
        }
        Thread.sleep(500);
    }

    private boolean slotActive() {
        return jdbc.sql("select coalesce(bool_or(active), false) from pg_replication_slots where slot_name = ?")
                .param(properties.settings(RelaySettings.DEFAULT_SCHEMA_BASE, ReplicationSlots.defaultName(jdbc)).slotName()).query(Boolean.class).single();
    }

    private void awaitTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!admin.listTopics().names().get().contains(topic)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the relay did not create " + topic + " within 2 minutes");
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Commits outbox rows on a connection of its own (named in pg_stat_activity, for the CPU split): in bulk with
     * one statement, or event by event as {@code OutboxPersistenceAdapter} appends them.
     */
    final class Writer implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement bulk;
        private final PreparedStatement mark;
        private final PreparedStatement append;

        Writer() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", EmbeddedDatabaseServer.USER);
            props.setProperty("ApplicationName", WRITER_APPLICATION_NAME);
            connection = DriverManager.getConnection(database.jdbcUrl(), props);
            connection.setAutoCommit(false);
            bulk = connection.prepareStatement(BULK_INSERT);
            mark = connection.prepareStatement("select set_config('trellis.events_by_app', 'on', true)");
            append = connection.prepareStatement(APPEND);
        }

        /** Events {@code from} to {@code to}, both included, in one transaction of one statement. */
        void bulk(char phase, long from, long to) throws SQLException {
            bulk.setString(1, String.valueOf(phase));
            bulk.setString(2, DESCRIPTION);
            bulk.setLong(3, from);
            bulk.setLong(4, to);
            bulk.executeUpdate();
            connection.commit();
        }

        /** Events {@code from} to {@code to} in one transaction, each inserted as the application appends one. */
        void append(char phase, long from, long to) throws SQLException {
            insert(phase, from, to);
            connection.commit();
        }

        /**
         * Appends a few events and rolls them back: the connection's backend has its caches filled and its
         * statements prepared before a measurement; a rolled-back transaction never reaches the relay.
         */
        void rehearse() throws SQLException {
            for (int i = 0; i < 10; i++) {
                insert('v', i, i);
                connection.rollback();
            }
        }

        private void insert(char phase, long from, long to) throws SQLException {
            mark.executeQuery().close();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (long g = from; g <= to; g++) {
                String aggregateId = "itm_bench" + pad(g % AGGREGATES, 7);
                append.setString(1, "obx_" + phase + pad(g, 11));
                append.setString(2, aggregateId);
                append.setString(3, payload(g, aggregateId, now));
                append.setString(4, aggregateId);
                append.setObject(5, now);
                if (from == to) {
                    append.executeUpdate();
                } else {
                    append.addBatch();
                }
            }
            if (from != to) {
                append.executeBatch();
            }
        }

        /** What 1,000 events look like; written and rolled back. */
        String sample() throws SQLException {
            bulk.setString(1, "z");
            bulk.setString(2, DESCRIPTION);
            bulk.setLong(3, 0);
            bulk.setLong(4, 999);
            bulk.executeUpdate();
            try (var statement = connection.createStatement();
                 var shape = statement.executeQuery("""
                         select count(distinct aggregate_id), round(avg(octet_length(payload::text))), min(payload::text)
                         from outbox where id like 'obx_z%'""")) {
                shape.next();
                return String.format(Locale.ROOT, "item.updated on %d items, %d bytes of JSON on average (jsonb's text, as"
                        + " published), e.g. %s", shape.getLong(1), shape.getLong(2), shape.getString(3));
            } finally {
                connection.rollback();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /**
     * One consumer of the item topic, from its beginning, on a thread of its own: counts the records of each
     * phase (the letter in the event id) and notes when each latency-phase record arrived.
     */
    static final class Receiver implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final AtomicLongArray counts = new AtomicLongArray(128);
        private volatile boolean running = true;
        private volatile long[] latencyReceived = new long[0];

        Receiver(RelaySettings settings) {
            consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", TestKafka.bootstrapServers(),
                    "enable.auto.commit", "false",
                    "auto.offset.reset", "earliest",
                    "max.poll.records", "2000",
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", ByteArrayDeserializer.class.getName()));
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < settings.topicPartitions(); p++) {
                partitions.add(new TopicPartition(settings.topic("item"), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(this::run, "benchmark-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        void expectLatencyEvents(int count) {
            latencyReceived = new long[count];
        }

        long count(char phase) {
            return counts.get(phase);
        }

        /** When the consumer received latency event {@code i} (System.nanoTime). */
        long received(int i) {
            return latencyReceived[i];
        }

        private void run() {
            try {
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    long[] latency = latencyReceived;
                    for (ConsumerRecord<String, byte[]> record : records) {
                        Header header = record.headers().lastHeader("ce_id");
                        String id = new String(header.value(), StandardCharsets.UTF_8);
                        char phase = id.charAt(4);
                        if (phase == 'l') {
                            int i = Integer.parseInt(id, 5, id.length(), 10);
                            if (latency[i] == 0) {
                                latency[i] = now;
                            } else {
                                continue; // a duplicate: counted once
                            }
                        }
                        counts.incrementAndGet(phase); // after the receipt time: a reader that sees the count sees the time
                    }
                }
            } finally {
                consumer.close();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    // --- measuring ---

    /** When a count first moved and when it reached its target (System.nanoTime). */
    record Progress(long first, long last) {
    }

    private static Progress await(Count count, long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long first = 0;
        while (true) {
            double value = count.get();
            long now = System.nanoTime();
            if (first == 0 && value > 0) {
                first = now;
            }
            if (value >= target) {
                return new Progress(first, now);
            }
            if (now > deadline) {
                throw new AssertionError("only " + value + " of " + target + " within " + timeout);
            }
            Thread.sleep(1);
        }
    }

    @FunctionalInterface
    interface Count {
        double get();
    }

    /** The events' shape, measured on a sample that is rolled back. */
    private String payloadShape() throws SQLException {
        try (Writer writer = new Writer()) {
            return writer.sample();
        }
    }

    /** Every PostgreSQL process with what it is: the postmaster, its auxiliary processes and every backend. */
    private Map<Long, String> postgresProcesses() {
        Map<Long, String> processes = new HashMap<>();
        jdbc.sql("select pid, backend_type, coalesce(application_name, '') from pg_stat_activity")
                .query((rs, n) -> processes.put(rs.getLong(1), role(rs.getString(2), rs.getString(3)))).list();
        try {
            List<String> pidFile = Files.readAllLines(database.dataDirectory().resolve("postmaster.pid"));
            processes.put(Long.parseLong(pidFile.get(0).strip()), "background");
        } catch (IOException | RuntimeException e) {
            // without the postmaster's own (small) share
        }
        return processes;
    }

    private static String role(String backendType, String applicationName) {
        if (backendType.equals("walsender")) {
            return "walsender";
        }
        if (backendType.equals("client backend")) {
            return applicationName.equals(WRITER_APPLICATION_NAME) ? "writer" : "pool";
        }
        return "background";
    }

    /**
     * CPU at one moment: the machine (/proc/stat), each thread of this JVM, the JVM in all, and each
     * PostgreSQL process (/proc/[pid]/stat).
     */
    record Cpu(long machineBusy, long machineTotal, long jvmNanos, Map<Long, long[]> threads, Map<Long, String> threadNames,
               Map<Long, Long> postgresTicks, long[] gc, long endedWriters, long[] vmTicks, long wall) {

        static final int TICKS_PER_SECOND = 100; // USER_HZ
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static Cpu now(Map<Long, String> postgres) {
            long[] machine = machine();
            Map<Long, long[]> threads = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] != null) {
                    threads.put(ids[i], new long[]{Math.max(0, THREADS.getThreadCpuTime(ids[i]))});
                    names.put(ids[i], infos[i].getThreadName());
                }
            }
            Map<Long, Long> ticks = new HashMap<>();
            postgres.keySet().forEach(pid -> ticks.put(pid, ticks(pid)));
            return new Cpu(machine[0], machine[1], jvm(), threads, names, ticks, collections(), ENDED_WRITERS_CPU.get(),
                    vmThreads(), System.nanoTime());
        }

        CpuUse since(Map<Long, String> postgres) {
            Cpu end = now(postgres);
            double seconds = (end.wall - wall) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, Double> jvmGroups = new LinkedHashMap<>();
            for (String group : List.of("relay", "broker", "consumer", "writer", "GC", "JIT", "other")) {
                jvmGroups.put(group, 0.0);
            }
            Map<String, Double> byThread = new HashMap<>();
            double threadSum = 0;
            for (Map.Entry<Long, long[]> thread : end.threads.entrySet()) {
                long before = threads.containsKey(thread.getKey()) ? threads.get(thread.getKey())[0] : 0;
                double used = (thread.getValue()[0] - before) / 1e9 / seconds;
                String name = end.threadNames.get(thread.getKey());
                jvmGroups.merge(group(name), used, Double::sum);
                byThread.merge(name.replaceAll("\\d+", "#"), used, Double::sum);
                threadSum += used;
            }
            double jvm = (end.jvmNanos - jvmNanos) / 1e9 / seconds;
            double ended = (end.endedWriters - this.endedWriters) / 1e9 / seconds; // writer threads that ended in the run
            jvmGroups.merge("writer", ended, Double::sum);
            // the GC's and the JIT's threads are no Java threads: the kernel's count for them
            double gcCores = (end.vmTicks[0] - vmTicks[0]) / (double) TICKS_PER_SECOND / seconds;
            double jitCores = (end.vmTicks[1] - vmTicks[1]) / (double) TICKS_PER_SECOND / seconds;
            jvmGroups.merge("GC", gcCores, Double::sum);
            jvmGroups.merge("JIT", jitCores, Double::sum);
            jvmGroups.merge("other", Math.max(0, jvm - threadSum - ended - gcCores - jitCores), Double::sum);
            Map<String, Double> pgGroups = new LinkedHashMap<>();
            for (String group : List.of("walsender", "writer", "pool", "background")) {
                pgGroups.put(group, 0.0);
            }
            double pg = 0;
            for (Map.Entry<Long, String> process : postgres.entrySet()) {
                Long after = end.postgresTicks.get(process.getKey());
                if (after == null || after < 0) {
                    continue;
                }
                long before = postgresTicks.getOrDefault(process.getKey(), 0L);
                double used = (after - Math.max(0, before)) / (double) TICKS_PER_SECOND / seconds;
                pgGroups.merge(process.getValue(), used, Double::sum);
                pg += used;
            }
            double machineCores = end.machineTotal == machineTotal ? 0
                    : cores * (double) (end.machineBusy - machineBusy) / (end.machineTotal - machineTotal);
            List<Map.Entry<String, Double>> top = new ArrayList<>(byThread.entrySet());
            top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            return new CpuUse(cores, seconds, machineCores, jvm, jvmGroups, pg, pgGroups,
                    Math.max(0, machineCores - jvm - pg), top.subList(0, Math.min(12, top.size())),
                    end.gc[0] - gc[0], end.gc[1] - gc[1]);
        }

        /** Which part of this JVM a thread works for, by its name. */
        static String group(String name) {
            if (name.startsWith("trellis-relay") || name.startsWith("kafka-producer-network-thread")
                    || name.contains("debezium") || name.contains("engine") || name.startsWith("blocking-snapshot")
                    || name.startsWith("change-event-source-coordinator") || name.startsWith("pool-")
                    || name.startsWith("HikariPool") || name.startsWith("OffsetBackingStore")) {
                return "relay";
            }
            if (name.startsWith("benchmark-consumer")) {
                return "consumer";
            }
            if (name.startsWith("benchmark-writer")) {
                return "writer";
            }
            if (name.contains("kafka") || name.startsWith("data-plane") || name.startsWith("broker-")
                    || name.startsWith("controller-") || name.startsWith("raft") || name.startsWith("quorum")
                    || name.startsWith("ExpirationReaper") || name.startsWith("group-coordinator")
                    || name.startsWith("LogDirFailureHandler") || name.startsWith("share-") || name.startsWith("transaction-")
                    || name.startsWith("ReplicaFetcher") || name.startsWith("executor-") || name.startsWith("metrics-")) {
                return "broker";
            }
            return "other";
        }

        private static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
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

        /** CPU ticks of the GC's threads (with the VM thread, which runs its pauses) and of the JIT's compiler threads. */
        private static long[] vmThreads() {
            long gc = 0;
            long jit = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        boolean isGc = name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread");
                        boolean isJit = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
                        if (isGc || isJit) {
                            String stat = Files.readString(task.resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                            if (isGc) {
                                gc += ticks;
                            } else {
                                jit += ticks;
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            return new long[]{gc, jit};
        }

        /** Collections and their total time (ms), over every collector. */
        private static long[] collections() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, collector.getCollectionCount());
                millis += Math.max(0, collector.getCollectionTime());
            }
            return new long[]{count, millis};
        }

        private static long jvm() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }
    }

    /** Cores busy on average during a run, by part. */
    record CpuUse(int cores, double seconds, double machine, double jvm, Map<String, Double> jvmGroups, double postgres,
                  Map<String, Double> postgresGroups, double others, List<Map.Entry<String, Double>> topThreads,
                  long collections, long collectionMillis) {

        String describe(long events, String what) {
            double eventsPerSecond = events / seconds;
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "CPU in cores busy (of %d) over %.1f s: machine %.2f = this JVM %.2f %s + PostgreSQL %.2f %s + other processes %.2f",
                    cores, seconds, machine, jvm, parts(jvmGroups), postgres, parts(postgresGroups), others));
            text.append(String.format(Locale.ROOT, "%n  per event %s: relay %.1f µs, PostgreSQL's walsender (decoding) %.1f µs,"
                            + " broker %.1f µs, consumer %.1f µs, GC %.1f µs, PostgreSQL in all %.1f µs, this JVM in all %.1f µs",
                    what, perEvent(jvmGroups.get("relay"), eventsPerSecond), perEvent(postgresGroups.get("walsender"), eventsPerSecond),
                    perEvent(jvmGroups.get("broker"), eventsPerSecond), perEvent(jvmGroups.get("consumer"), eventsPerSecond),
                    perEvent(jvmGroups.get("GC"), eventsPerSecond), perEvent(postgres, eventsPerSecond), perEvent(jvm, eventsPerSecond)));
            text.append(String.format(Locale.ROOT, "%n  garbage collections: %d, paused %d ms in all", collections, collectionMillis));
            text.append("\n  busiest threads of this JVM (cores): ");
            for (Map.Entry<String, Double> thread : topThreads) {
                text.append(String.format(Locale.ROOT, "%s %.2f; ", thread.getKey(), thread.getValue()));
            }
            return text.toString();
        }

        String brief(long events) {
            double eventsPerSecond = events / seconds;
            return String.format(Locale.ROOT, "cores of %d: relay %.2f, PostgreSQL %.2f (walsender %.2f, writers %.2f), broker %.2f,"
                            + " consumer %.2f, GC %.2f, JIT %.2f, writer threads %.2f, other processes %.2f (machine %.2f);"
                            + " relay %.1f µs/event", cores, jvmGroups.get("relay"), postgres, postgresGroups.get("walsender"),
                    postgresGroups.get("writer"), jvmGroups.get("broker"), jvmGroups.get("consumer"), jvmGroups.get("GC"),
                    jvmGroups.get("JIT"), jvmGroups.get("writer"), others, machine, perEvent(jvmGroups.get("relay"), eventsPerSecond));
        }

        private static double perEvent(double cores, double eventsPerSecond) {
            return 1e6 * cores / eventsPerSecond;
        }

        private static String parts(Map<String, Double> groups) {
            StringBuilder text = new StringBuilder("(");
            groups.forEach((name, cores) -> text.append(text.length() > 1 ? ", " : "").append(name)
                    .append(String.format(Locale.ROOT, " %.2f", cores)));
            return text.append(")").toString();
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

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** p50/p99 of the latencies of the events committed in each window of the run. */
    private static String byWindow(long[] latency, long[] committed, long start, Duration window) {
        Map<Long, List<Long>> windows = new TreeMap<>();
        for (int i = 0; i < latency.length; i++) {
            windows.computeIfAbsent((committed[i] - start) / window.toNanos(), w -> new ArrayList<>()).add(latency[i]);
        }
        List<String> parts = new ArrayList<>();
        windows.values().forEach(values -> {
            long[] array = values.stream().mapToLong(Long::longValue).toArray();
            parts.add(String.format(Locale.ROOT, "%.0f/%.0f", percentile(array, 0.5) / 1e6, percentile(array, 0.99) / 1e6));
        });
        return String.join(", ", parts);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String summary(long[] nanos) {
        return String.format(Locale.ROOT, "n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms", nanos.length,
                percentile(nanos, 0.5) / 1e6, percentile(nanos, 0.99) / 1e6, max(nanos) / 1e6);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(String title) {
        print("");
        print("== " + title);
    }

    private static void print(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of(REPORT), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
