package dev.trellis.bootstrap.relay;

import dev.trellis.adapter.messaging.relay.OutboxRelay;
import dev.trellis.adapter.messaging.relay.RelayStatus;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.runtime.kafka.EmbeddedKafkaBroker;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.bootstrap.relay.FaultKit.ChildApp;
import dev.trellis.bootstrap.relay.FaultKit.OutboxWriter;
import dev.trellis.bootstrap.relay.FaultKit.Tally;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.trellis.bootstrap.relay.FaultKit.MAX_BATCH_SIZE;
import static dev.trellis.bootstrap.relay.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay under faults, counted end to end: events are written to the outbox while the relay is
 * killed with {@code kill -9}, the broker stops, PostgreSQL restarts, or the leader of two instances
 * dies; then every partition is read from its beginning and each outbox row must have arrived (none
 * lost), each aggregate's versions in order at their first arrival, and no more duplicates than the
 * fault explains. Offsets are stored after every batch Kafka acknowledged, so a killed relay or a
 * stopped broker can only make the batch in flight ({@code max-batch-size}, {@value FaultKit#MAX_BATCH_SIZE}
 * here) be sent again; while PostgreSQL is away no offset can be stored, so what the relay publishes
 * before it notices may be sent twice, at most the events after its recorded progress. The counts are
 * printed (surefire's {@code RelayFaultTest-output.txt}) and appended to {@code target/relay-faults/report.txt};
 * each child JVM's output is in {@code target/relay-faults/<name>.log}.
 * <p>
 * In {@code verify}: {@value #DEFAULT_EVENTS} events, outages of a few seconds. The long version
 * (README "Fault tests"), not part of {@code verify}:
 * {@code ./mvnw -pl bootstrap -am test -Dfaults.long=true -Dtest=RelayFaultTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (20,000 events, 30 s outages; {@code -Dfaults.events}, {@code -Dfaults.outage-seconds} and
 * {@code -Dfaults.rate} change them).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES) // a guard against a hung fault, not a measure of speed
class RelayFaultTest {

    static final int DEFAULT_EVENTS = 3_000;
    static final boolean LONG = Boolean.getBoolean("faults.long");
    static final int EVENTS = Integer.getInteger("faults.events", LONG ? 20_000 : DEFAULT_EVENTS);
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.outage-seconds", LONG ? 30 : 4));
    /** Events per second the writer appends: the fault lands in a steady stream. */
    static final int RATE = Integer.getInteger("faults.rate", 400);
    static final Duration STARTUP = Duration.ofMinutes(3);
    static final Duration ARRIVAL = Duration.ofMinutes(LONG ? 10 : 3);
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    private String test;

    @BeforeEach
    void name(TestInfo info) {
        test = info.getTestMethod().orElseThrow().getName();
        TestKafka.quietBrokerLogs();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Exception first = null;
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Test
    void a_relay_killed_with_kill_9_mid_stream_loses_nothing_and_the_next_resends_at_most_one_batch() throws Exception {
        String name = "fault_kill";
        String url = sharedDatabase(name);
        List<String> args = args(url, TestKafka.bootstrapServers(), name);

        ChildApp first = child("kill-first", args).awaitStarted(STARTUP);
        await("the first instance leads", () -> first.relayRole().equals("leader"), STARTUP);
        OutboxWriter writer = writer(url).writeUpTo(EVENTS * 2L / 3);
        await("the first instance relayed a third of the events", () -> first.relayed() >= EVENTS / 3.0, ARRIVAL);
        first.kill();
        long writtenAtKill = writer.written();
        Thread.sleep(LONG ? OUTAGE.toMillis() : 0); // the next start is the outage; the long version adds to it

        ChildApp second = child("kill-second", args).awaitStarted(STARTUP);
        await("the second instance leads", () -> second.relayRole().equals("leader"), STARTUP);
        writer.writeUpTo(EVENTS).awaitWritten(EVENTS, ARRIVAL);

        Tally tally = count("kill -9", url, TestKafka.bootstrapServers(), name, writer);
        report(tally + "; killed with " + writtenAtKill + " written");
        assertWithin(tally, MAX_BATCH_SIZE);
    }

    @Test
    void a_broker_stopped_under_load_loses_nothing_and_the_relay_leads_throughout() throws Exception {
        String name = "fault_broker";
        String url = sharedDatabase(name);
        Path kafkaLog = tempDir.resolve("kafka");
        EmbeddedKafkaBroker[] broker = {EmbeddedKafkaBroker.start(kafkaLog, 0)};
        cleanup.push(() -> broker[0].close());
        int port = broker[0].port();

        ConfigurableApplicationContext app = inProcess(args(url, broker[0].bootstrapServers(), name));
        OutboxRelay relay = app.getBean(OutboxRelay.class);
        await("the relay leads", () -> relay.status().role() == RelayStatus.Role.LEADER, STARTUP);
        RoleWatch roles = watch(relay);
        OutboxWriter writer = writer(url).writeUpTo(EVENTS * 2L / 3);
        await("the relay relayed a third of the events", () -> relayed(app) >= EVENTS / 3.0, ARRIVAL);

        broker[0].close();
        Instant stopped = Instant.now();
        Thread.sleep(OUTAGE.toMillis());
        long writtenInOutage = writer.written();
        broker[0] = EmbeddedKafkaBroker.start(kafkaLog, port);
        Duration down = Duration.between(stopped, Instant.now());
        writer.writeUpTo(EVENTS).awaitWritten(EVENTS, ARRIVAL);

        Tally tally = count("broker stopped", url, broker[0].bootstrapServers(), name, writer);
        roles.close();
        report(tally + "; broker down " + seconds(down) + " with " + writtenInOutage + " written by then; relay roles seen "
                + roles.roles + ", errors " + roles.errors);
        assertWithin(tally, MAX_BATCH_SIZE);
        assertThat(roles.roles).as("the relay kept leading").containsOnly(RelayStatus.Role.LEADER);
        assertThat(roles.errors).as("its engine never stopped: the batch in flight waited for the broker").isEmpty();
    }

    @Test
    void a_postgresql_restart_loses_nothing_and_the_relay_reconnects_by_itself() throws Exception {
        Path dataDir = tempDir.resolve("postgres");
        int port = FaultKit.freePort();
        EmbeddedPostgres[] postgres = {postgres(dataDir, port)};
        cleanup.push(() -> postgres[0].close());
        try (Connection connection = postgres[0].getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create database faults");
        }
        String name = "fault_postgres";
        String url = "jdbc:postgresql://localhost:" + port + "/faults";

        ConfigurableApplicationContext app = inProcess(args(url, TestKafka.bootstrapServers(), name)); // migrates the database
        OutboxRelay relay = app.getBean(OutboxRelay.class);
        await("the relay leads", () -> relay.status().role() == RelayStatus.Role.LEADER, STARTUP);
        RoleWatch roles = watch(relay);
        OutboxWriter writer = writer(url).writeUpTo(EVENTS * 2L / 3);
        await("the relay relayed a third of the events", () -> relayed(app) >= EVENTS / 3.0, ARRIVAL);

        long recorded = relayedPosition(url, name);
        Instant stopping = Instant.now();
        Duration shutdown = stop(postgres[0], dataDir);
        Thread.sleep(OUTAGE.toMillis());
        Instant restarting = Instant.now();
        postgres[0] = postgres(dataDir, port);
        Duration down = Duration.between(stopping, Instant.now());
        writer.writeUpTo(EVENTS).awaitWritten(EVENTS, ARRIVAL);

        Tally tally = count("PostgreSQL restarted", url, TestKafka.bootstrapServers(), name, writer);
        roles.close();
        // While PostgreSQL is away no offset can be stored: until the relay notices (its leader lock
        // fails) it may publish what it had read from the WAL, and publishes it again once back. So a
        // duplicate is an event after the progress the relay had recorded, written before the restart.
        long unrecorded = count(url, "select count(*) from outbox where position > ? and created_at < ?", recorded,
                java.sql.Timestamp.from(restarting));
        report(tally + " (at most " + unrecorded + " could be); PostgreSQL down " + seconds(down) + " (its fast shutdown took "
                + seconds(shutdown) + "), the writer retried " + writer.failedAttempts() + " times over "
                + seconds(writer.longestOutage()) + "; relay roles seen " + roles.roles + ", errors " + roles.errors);
        assertWithin(tally, unrecorded);
        assertThat(writer.failedAttempts()).as("the writer met the outage").isPositive();
        await("the relay leads again", () -> relay.status().role() == RelayStatus.Role.LEADER && relay.status().lastError() == null, ARRIVAL);
    }

    @Test
    void of_two_instances_one_leads_and_the_standby_takes_over_within_30_s_of_the_leader_being_killed() throws Exception {
        String name = "fault_takeover";
        String url = sharedDatabase(name);
        List<String> args = args(url, TestKafka.bootstrapServers(), name);

        ChildApp a = child("takeover-a", args);
        ChildApp b = child("takeover-b", args);
        a.awaitStarted(STARTUP);
        b.awaitStarted(STARTUP);
        await("one instance leads, the other stands by", () -> Set.of(a.relayRole(), b.relayRole()).equals(Set.of("leader", "standby")), STARTUP);
        ChildApp leader = a.relayRole().equals("leader") ? a : b;
        ChildApp standby = leader == a ? b : a;
        assertThat(advisoryLocksHeld(url)).as("one leader lock").isEqualTo(1);

        OutboxWriter writer = writer(url).writeUpTo(EVENTS * 2L / 3);
        await("the leader relayed a third of the events", () -> leader.relayed() >= EVENTS / 3.0, ARRIVAL);
        leader.kill();
        long killed = System.nanoTime();
        long writtenAtKill = writer.written();
        await("the standby leads", () -> standby.relayRole().equals("leader"), TAKEOVER_LIMIT.plusSeconds(30));
        Duration toLeader = Duration.ofNanos(System.nanoTime() - killed);
        await("the standby relays", () -> standby.relayed() > 0, TAKEOVER_LIMIT.plusSeconds(30));
        Duration toFirstEvent = Duration.ofNanos(System.nanoTime() - killed);
        writer.writeUpTo(EVENTS).awaitWritten(EVENTS, ARRIVAL);

        Tally tally = count("takeover", url, TestKafka.bootstrapServers(), name, writer);
        report(tally + "; leader killed with " + writtenAtKill + " written, the standby led after " + seconds(toLeader)
                + " and relayed its first event after " + seconds(toFirstEvent));
        assertWithin(tally, MAX_BATCH_SIZE);
        assertThat(toFirstEvent).as("from the kill to the standby's first relayed event").isLessThan(TAKEOVER_LIMIT);
    }

    // ---------------------------------------------------------------------------------------------

    private List<String> args(String jdbcUrl, String kafka, String name) {
        return Stream.of(FaultKit.databaseArgs(jdbcUrl), FaultKit.relayArgs(name),
                        List.of("--spring.kafka.bootstrap-servers=" + kafka, "--trellis.data-dir=" + tempDir.resolve("data")))
                .flatMap(List::stream).toList();
    }

    /** A fresh database of the shared test server; its replication slot is dropped and the database with it afterwards. */
    private String sharedDatabase(String name) {
        TestPostgres.freshDatabase(name);
        String url = "jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + name;
        cleanup.push(() -> {
            FaultKit.dropSlot(url, name);
            try (Connection connection = TestPostgres.server().getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        });
        return url;
    }

    private ChildApp child(String name, List<String> args) throws IOException {
        ChildApp child = ChildApp.launch(name, args);
        cleanup.push(child);
        return child;
    }

    private ConfigurableApplicationContext inProcess(List<String> args) {
        ConfigurableApplicationContext app = SpringApplication.run(TrellisApplication.class, args.toArray(String[]::new));
        cleanup.push(app::close);
        return app;
    }

    private OutboxWriter writer(String url) {
        OutboxWriter writer = new OutboxWriter(url, RATE);
        cleanup.push(writer);
        return writer;
    }

    private static EmbeddedPostgres postgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .start();
    }

    /**
     * A fast shutdown ({@code pg_ctl stop -m fast}), and the wait for the postmaster to be gone: zonky's
     * pg_ctl gives up after 5 s, and PostgreSQL's walsender waits, before it exits, for the relay to
     * confirm the WAL it was sent or to close its replication connection, which the relay does once
     * it has noticed the loss of its leader lock and stopped its engine.
     */
    private static Duration stop(EmbeddedPostgres postgres, Path dataDir) throws Exception {
        long started = System.nanoTime();
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        postgres.close();
        var postmaster = ProcessHandle.of(pid);
        if (postmaster.isPresent()) {
            postmaster.get().onExit().get(2, TimeUnit.MINUTES);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static double relayed(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class).get("trellis.relay.events.relayed").counter().count();
    }

    /** The outbox position up to which the relay has recorded its progress (after the batch's offsets). */
    private static long relayedPosition(String url, String relay) throws Exception {
        return count(url, "select coalesce(max(relayed_position), 0) from relay_progress where relay = ?", relay);
    }

    private static long count(String url, String sql, Object... params) throws Exception {
        try (Connection connection = FaultKit.connect(url); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long advisoryLocksHeld(String url) throws Exception {
        return count(url, """
                select count(*) from pg_locks
                where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())""");
    }

    /** Counts what arrived against the outbox (the writer's every acknowledged commit must be there too). */
    private Tally count(String fault, String url, String kafka, String topicPrefix, OutboxWriter writer) throws Exception {
        Map<String, FaultKit.Expected> outbox = FaultKit.outbox(url);
        assertThat(outbox.keySet()).as("every commit the writer saw acknowledged is in the outbox").containsAll(writer.committed());
        return FaultKit.count(fault, kafka, topicPrefix, outbox, ARRIVAL);
    }

    /** Nothing lost, nothing out of order or misrouted, no more duplicates than the fault can explain. */
    private static void assertWithin(Tally tally, long maxDuplicates) {
        assertThat(tally.lost()).as(tally + ": lost").isZero();
        assertThat(tally.outOfOrder()).as(tally + ": out of order").isZero();
        assertThat(tally.misrouted()).as(tally + ": misrouted").isZero();
        assertThat(tally.unknown()).as(tally + ": unknown").isZero();
        assertThat((long) tally.duplicates()).as(tally + ": duplicates").isLessThanOrEqualTo(maxDuplicates);
    }

    private void report(String line) throws IOException {
        String entry = Instant.now() + " " + test + (LONG ? " (long)" : "") + ": " + line;
        System.out.println(entry);
        Files.createDirectories(FaultKit.LOGS);
        Files.writeString(FaultKit.LOGS.resolve("report.txt"), entry + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }

    private RoleWatch watch(OutboxRelay relay) {
        RoleWatch watch = new RoleWatch(relay);
        cleanup.push(watch);
        return watch;
    }

    /** Samples the in-process relay's status every 50 ms: the roles it took and the errors it reported. */
    static final class RoleWatch implements AutoCloseable {
        final Set<RelayStatus.Role> roles = ConcurrentHashMap.newKeySet();
        final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean closed;

        RoleWatch(OutboxRelay relay) {
            thread = new Thread(() -> {
                while (!closed) {
                    RelayStatus status = relay.status();
                    roles.add(status.role());
                    if (status.lastError() != null && (errors.isEmpty() || !errors.get(errors.size() - 1).equals(status.lastError()))) {
                        errors.add(status.lastError());
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "relay-role-watch");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join();
        }
    }
}
