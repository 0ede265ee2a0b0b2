package dev.trellis.bootstrap.relay;

import dev.trellis.bootstrap.Http;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the relay's fault tests share: the application in a child JVM (its output in
 * {@code target/relay-faults/}), a writer that appends events to the outbox across outages, and the
 * end-to-end count of what arrived on Kafka against what the outbox holds.
 */
public final class FaultKit {

    static final List<String> AGGREGATE_TYPES = List.of("user", "item", "tag", "file");
    static final int PARTITIONS = 3;
    /** The relay's batch in these tests: the unit of the duplicate bound (at most one batch re-sent per fault). */
    public static final int MAX_BATCH_SIZE = 256;
    static final Path LOGS = Path.of("target", "relay-faults");

    private FaultKit() {
    }

    /** The relay's settings for one test: its own slot, publication and topics, a standby that retries every second. */
    public static List<String> relayArgs(String name) {
        return List.of("--trellis.relay.enabled=true",
                "--trellis.relay.slot-name=" + name,
                "--trellis.relay.publication-name=" + name,
                "--trellis.relay.topic-prefix=" + name,
                "--trellis.relay.topic-partitions=" + PARTITIONS,
                "--trellis.relay.max-batch-size=" + MAX_BATCH_SIZE,
                "--trellis.relay.lock-retry-interval=1s",
                "--trellis.relay.heartbeat-interval=2s",
                "--server.port=0",
                "--BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
                "--trellis.demo-data=false",
                "--management.endpoints.web.exposure.include=health,metrics");
    }

    public static List<String> databaseArgs(String jdbcUrl) {
        return List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Drops the slot once its last reader has gone (a killed relay's walsender ends a moment later). */
    public static void dropSlot(String jdbcUrl, String slot) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = connect(jdbcUrl);
                 PreparedStatement active = connection.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
                active.setString(1, slot);
                try (ResultSet rs = active.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    if (!rs.getBoolean(1)) {
                        try (PreparedStatement drop = connection.prepareStatement("select pg_drop_replication_slot(?)")) {
                            drop.setString(1, slot);
                            drop.execute();
                        }
                        return;
                    }
                }
            } catch (SQLException e) {
                // the slot became active or went away between the two statements: look again
            }
            Thread.sleep(200);
        }
        System.out.println("WARNING: the replication slot " + slot + " stayed active; not dropped");
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "");
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty("ApplicationName", "relay-fault-test");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The application's real main class in a JVM of its own, on the test class path; killed with kill -9 on request. */
    public static final class ChildApp implements AutoCloseable {

        private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private static final Set<Process> LIVING = ConcurrentHashMap.newKeySet();

        static {
            // whatever happens to the test JVM, no child outlives it
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVING.forEach(Process::destroyForcibly), "relay-fault-children"));
        }

        final String name;
        final Path log;
        private final Process process;
        private int port;

        private ChildApp(String name, Path log, Process process) {
            this.name = name;
            this.log = log;
            this.process = process;
        }

        public static ChildApp launch(String name, List<String> args) throws IOException {
            return launch(name, args, Map.of());
        }

        /** As {@link #launch(String, List)}, with {@code environment} added to this JVM's. */
        public static ChildApp launch(String name, List<String> args, Map<String, String> environment) throws IOException {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // start-up is most of a child's life here: C1 only, one GC thread, on cores other builds share
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"),
                    TrellisApplication.class.getName()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            LIVING.add(process);
            return new ChildApp(name, log, process);
        }

        /** Waits until the application has started and serves HTTP; fails with its log's tail if it died. */
        public ChildApp awaitStarted(Duration timeout) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                Matcher matcher = PORT.matcher(output);
                if (matcher.find() && output.contains("Started TrellisApplication")) {
                    port = Integer.parseInt(matcher.group(1));
                    return this;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + " before it started; see " + log + ":\n" + tail());
                }
                Thread.sleep(200);
            }
            throw new AssertionError(name + " did not start within " + timeout.toSeconds() + " s; see " + log + ":\n" + tail());
        }

        public int port() {
            return port;
        }

        long pid() {
            return process.pid();
        }

        /** {@code relay.details.role} of /actuator/health: leader, standby, starting; "unreachable" when it does not answer. */
        public String relayRole() {
            try {
                HttpResponse<String> health = Http.get(port, "/actuator/health");
                return JSON.readTree(health.body()).path("components").path("relay").path("details").path("role").asString();
            } catch (IOException | RuntimeException e) {
                return "unreachable";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unreachable";
            }
        }

        /** trellis.relay.events.relayed: events Kafka acknowledged to this instance. */
        public double relayed() {
            try {
                HttpResponse<String> metric = Http.get(port, "/actuator/metrics/trellis.relay.events.relayed");
                return JSON.readTree(metric.body()).path("measurements").path(0).path("value").asDouble();
            } catch (IOException | RuntimeException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** SIGTERM, as an orchestrator stops an instance: Spring's graceful shutdown, the relay's engine stopped. */
        public void stop(Duration timeout) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not stop within " + timeout.toSeconds() + " s of SIGTERM; see " + log);
            }
            LIVING.remove(process);
        }

        /** kill -9: no shutdown hook, no last batch, the sockets dropped by the kernel. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            LIVING.remove(process);
        }

        private String tail() throws IOException {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
            LIVING.remove(process);
        }
    }

    /**
     * Appends events straight into {@code outbox} as the outbox adapter and the V4 triggers do (each
     * with the aggregate's next version), a few per transaction, at a steady rate, to as many as
     * {@link #writeUpTo} allows. Across an outage it retries each transaction with the same ids until it
     * commits; a retry refused as a duplicate key means the lost answer was a commit.
     */
    public static final class OutboxWriter implements AutoCloseable {

        private static final int PER_TRANSACTION = 5;
        private static final int AGGREGATES_PER_TYPE = 10;
        private static final Map<String, String> ID_PREFIXES = Map.of("user", "usr", "item", "itm", "tag", "tag", "file", "fil");

        private final String jdbcUrl;
        private final int perSecond;
        private final Set<String> committed = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile long target;
        private volatile boolean closed;
        private volatile int failedAttempts;
        private volatile long longestOutageMillis;
        private volatile Throwable failure;
        private long sequence;

        public OutboxWriter(String jdbcUrl, int perSecond) {
            this.jdbcUrl = jdbcUrl;
            this.perSecond = perSecond;
            this.thread = new Thread(this::run, "outbox-writer");
            this.thread.setDaemon(true);
        }

        /** Starts writing (or goes on) until {@code count} events have been committed. */
        public OutboxWriter writeUpTo(long count) {
            target = count;
            if (thread.getState() == Thread.State.NEW) {
                thread.start();
            }
            return this;
        }

        public long written() {
            return committed.size();
        }

        public Set<String> committed() {
            return Set.copyOf(committed);
        }

        int failedAttempts() {
            return failedAttempts;
        }

        Duration longestOutage() {
            return Duration.ofMillis(longestOutageMillis);
        }

        public void awaitWritten(long count, Duration timeout) throws InterruptedException {
            await("the writer committed " + count + " events (it has " + written() + ")", () -> {
                if (failure != null) {
                    throw new AssertionError("the outbox writer failed", failure);
                }
                return written() >= count;
            }, timeout);
        }

        private void run() {
            Connection connection = null;
            try {
                while (!closed) {
                    if (committed.size() >= target) {
                        Thread.sleep(20);
                        continue;
                    }
                    long transactionStarted = System.nanoTime();
                    List<String[]> events = nextEvents((int) Math.min(PER_TRANSACTION, target - committed.size()));
                    long failingSince = 0;
                    while (!closed) {
                        try {
                            if (connection == null) {
                                connection = connect(jdbcUrl);
                            }
                            insert(connection, events);
                            break;
                        } catch (SQLException e) {
                            if ("23505".equals(e.getSQLState())) {
                                break; // the earlier attempt committed; only its answer was lost
                            }
                            failedAttempts++;
                            failingSince = failingSince == 0 ? System.nanoTime() : failingSince;
                            closeQuietly(connection);
                            connection = null;
                            Thread.sleep(200);
                        }
                    }
                    if (failingSince != 0) {
                        longestOutageMillis = Math.max(longestOutageMillis, (System.nanoTime() - failingSince) / 1_000_000);
                    }
                    events.forEach(event -> committed.add(event[0]));
                    // a steady rate, without catching up after a pause or an outage
                    long wait = transactionStarted + events.size() * 1_000_000_000L / perSecond - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                closeQuietly(connection);
            }
        }

        private List<String[]> nextEvents(int count) {
            List<String[]> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long n = sequence++;
                String type = AGGREGATE_TYPES.get((int) (n % AGGREGATE_TYPES.size()));
                String aggregateId = ID_PREFIXES.get(type) + "_fault" + ((n / AGGREGATE_TYPES.size()) % AGGREGATES_PER_TYPE);
                String id = "obx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                events.add(new String[]{id, type, aggregateId});
            }
            return events;
        }

        private static void insert(Connection connection, List<String[]> events) throws SQLException {
            connection.setAutoCommit(false);
            // one statement per event rather than a JDBC batch: pgjdbc's batch asserts on a connection that dies under it
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox (id, aggregate_type, aggregate_id, event_type, payload)
                    values (?, ?, ?, ?, cast(? as jsonb) || jsonb_build_object('version', trellis_next_version(?, ?)))""")) {
                for (String[] event : events) {
                    insert.setString(1, event[0]);
                    insert.setString(2, event[1]);
                    insert.setString(3, event[2]);
                    insert.setString(4, event[1] + ".updated");
                    insert.setString(5, "{\"schemaVersion\":1,\"id\":\"" + event[2] + "\"}");
                    insert.setString(6, event[1]);
                    insert.setString(7, event[2]);
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: so is the transaction
                }
                throw e;
            }
        }

        private static void closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // gone already
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /** One outbox row as committed: what must arrive. */
    public record Expected(String id, String aggregateType, String aggregateId, long version) {
    }

    /** Every event the outbox holds, in the order the outbox appended them. */
    public static Map<String, Expected> outbox(String jdbcUrl) throws SQLException {
        Map<String, Expected> events = new LinkedHashMap<>();
        try (Connection connection = connect(jdbcUrl);
             PreparedStatement query = connection.prepareStatement(
                     "select id, aggregate_type, aggregate_id, (payload->>'version')::bigint from outbox order by position");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                events.put(rs.getString(1), new Expected(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return events;
    }

    /**
     * What arrived, counted end to end: events (rows in the outbox), lost (rows never seen on Kafka),
     * duplicates (records beyond the first of each event), out of order (an event whose first arrival
     * came before the first arrival of its aggregate's previous version), misrouted (wrong topic or
     * key) and unknown (records of no outbox row).
     */
    public record Tally(String fault, int events, int received, int lost, int duplicates, int outOfOrder, int misrouted, int unknown) {

        @Override
        public String toString() {
            return "%s: %,d events, %d lost, %d duplicates, %d out of order, %d misrouted, %d unknown (%,d records)"
                    .formatted(fault, events, lost, duplicates, outOfOrder, misrouted, unknown, received);
        }
    }

    /**
     * Reads every partition of the topics from its beginning (assigned, no consumer group) until each
     * event of {@code expected} has arrived or {@code timeout} passed, then a little longer for late
     * duplicates, and counts.
     */
    public static Tally count(String fault, String bootstrapServers, String topicPrefix, Map<String, Expected> expected, Duration timeout) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "enable.auto.commit", "false",
                "auto.offset.reset", "earliest",
                "max.poll.records", 5000,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String type : AGGREGATE_TYPES) {
                for (int p = 0; p < PARTITIONS; p++) {
                    partitions.add(new TopicPartition(topicPrefix + "." + type, p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!seen.containsAll(expected.keySet()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record);
                    seen.add(header(record, "ce_id"));
                }
            }
            // duplicates may trail the last new event: read until the topics stay quiet for a second
            int quiet = 0;
            while (quiet < 5) {
                var more = consumer.poll(Duration.ofMillis(200));
                more.forEach(received::add);
                quiet = more.isEmpty() ? quiet + 1 : 0;
            }
        }
        return tally(fault, expected, received);
    }

    static Tally tally(String fault, Map<String, Expected> expected, List<ConsumerRecord<String, String>> received) {
        Set<String> arrived = new HashSet<>();
        Map<String, Long> lastFirstVersion = new HashMap<>();
        int duplicates = 0;
        int outOfOrder = 0;
        int misrouted = 0;
        int unknown = 0;
        // one aggregate's records are on one partition, in the order the poll returned them
        for (ConsumerRecord<String, String> record : received) {
            String id = header(record, "ce_id");
            Expected event = expected.get(id);
            if (event == null) {
                unknown++;
                continue;
            }
            if (!record.topic().endsWith("." + event.aggregateType()) || !event.aggregateId().equals(record.key())) {
                misrouted++;
            }
            if (!arrived.add(id)) {
                duplicates++;
                continue;
            }
            long previous = lastFirstVersion.getOrDefault(event.aggregateId(), 0L);
            if (event.version() != previous + 1) {
                outOfOrder++;
            }
            lastFirstVersion.put(event.aggregateId(), Math.max(previous, event.version()));
        }
        int lost = (int) expected.keySet().stream().filter(id -> !arrived.contains(id)).count();
        return new Tally(fault, expected.size(), received.size(), lost, duplicates, outOfOrder, misrouted, unknown);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
