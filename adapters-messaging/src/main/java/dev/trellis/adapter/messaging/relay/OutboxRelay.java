package dev.trellis.adapter.messaging.relay;

import dev.trellis.adapter.messaging.relay.postgres.DatabaseEndpoint;
import dev.trellis.adapter.messaging.relay.postgres.LeaderLock;
import dev.trellis.adapter.messaging.relay.postgres.PostgresOffsetStore;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes every outbox row to Kafka. One instance among all on the database relays (the
 * {@link LeaderLock}); the others stand by and try the lock every {@code lockRetryInterval}.
 * The leader runs Debezium's embedded engine on a logical replication slot of the outbox (inserts
 * only), under a supervisor that restarts it, with backoff, whenever it stops for any reason; a
 * leader that loses its lock stops relaying at once. Its offsets live in the database
 * ({@link PostgresOffsetStore}). Stopping finishes the batch in flight and releases the lock.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final List<String> AGGREGATE_TYPES = List.of("user", "item", "tag", "file");
    private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);
    private static final Duration SUPERVISION_TICK = Duration.ofMillis(500);
    private static final Duration SLOT_LAG_INTERVAL = Duration.ofSeconds(5);
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);

    private final RelaySettings settings;
    private final DatabaseEndpoint database;
    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final Supplier<Admin> admin;
    private final OutboxPublisher publisher;
    private final OutboxRetention retention;
    private final LeaderLock lock;
    private final Clock clock;

    private volatile boolean running;
    private volatile RelayStatus status = new RelayStatus(RelayStatus.Role.STOPPED, -1, null, null);
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean streaming;
    private Thread supervisor;
    private Instant lastSlotLagCheck = Instant.EPOCH;
    private Instant lastRetention = Instant.EPOCH;

    public OutboxRelay(RelaySettings settings, DatabaseEndpoint database, DataSource dataSource,
                       KafkaTemplate<String, String> kafka, Supplier<Admin> admin, RelayMetricsFactory metrics, Clock clock) {
        this(settings, database, dataSource, kafka, admin, metrics, clock, Tracer.NOOP, Propagator.NOOP);
    }

    /**
     * @param tracer     makes each publish a producer span continuing the outbox row's trace; {@link Tracer#NOOP}: none,
     *                   and records carry the stored {@code trace_parent}
     * @param propagator reads the stored {@code trace_parent} and writes the publish span's {@code ce_traceparent}
     */
    public OutboxRelay(RelaySettings settings, DatabaseEndpoint database, DataSource dataSource,
                       KafkaTemplate<String, String> kafka, Supplier<Admin> admin, RelayMetricsFactory metrics, Clock clock,
                       Tracer tracer, Propagator propagator) {
        this.settings = settings;
        this.database = database;
        this.jdbc = JdbcClient.create(dataSource);
        this.kafka = kafka;
        this.admin = admin;
        this.clock = clock;
        this.lock = new LeaderLock(database, settings.slotName());
        RelayProgress progress = new RelayProgress(jdbc, settings.slotName());
        this.retention = new OutboxRetention(jdbc, progress, settings.retention());
        this.publisher = new OutboxPublisher(kafka, new CloudEvents(settings), new ParkedEvents(jdbc), progress,
                metrics.create(() -> status.slotLagBytes(), () -> status.role() == RelayStatus.Role.LEADER ? 1 : 0),
                () -> !running, clock, new PublishTracing(tracer, propagator));
        PostgresOffsetStore.register(settings.slotName(), dataSource);
    }

    /** Builds the meters once the relay can report its state to them. */
    @FunctionalInterface
    public interface RelayMetricsFactory {
        RelayMetrics create(Supplier<Number> slotLagBytes, Supplier<Number> leader);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        status = new RelayStatus(RelayStatus.Role.STARTING, -1, null, null);
        supervisor = new Thread(this::supervise, "trellis-relay-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** The supervisor's view, with a send that Kafka has not acknowledged for a while counted as failing. */
    public RelayStatus status() {
        RelayStatus current = status;
        Instant sendsFailingSince = publisher.failingSince();
        if (sendsFailingSince == null || current.role() != RelayStatus.Role.LEADER) {
            return current;
        }
        Instant since = current.failingSince() == null || sendsFailingSince.isBefore(current.failingSince())
                ? sendsFailingSince : current.failingSince();
        return new RelayStatus(current.role(), current.slotLagBytes(), publisher.lastFailure(), since);
    }

    /** True once the leader's engine streams from the slot (a leader starts its engine first). */
    public boolean isStreaming() {
        return streaming;
    }

    public RelaySettings settings() {
        return settings;
    }

    /** Stops relaying: the batch in flight is finished (Kafka acknowledges it, offsets are stored), the lock released. */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = supervisor;
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(90).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status = new RelayStatus(RelayStatus.Role.STOPPED, -1, null, null);
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        try {
            while (running) {
                if (!acquireLeadership()) {
                    sleep(settings.lockRetryInterval());
                    continue;
                }
                Instant started = clock.instant();
                String failure = relayWhileLeader();
                if (!running) {
                    break;
                }
                // a run that lasted a while was healthy: start over from a short backoff
                if (Duration.between(started, clock.instant()).compareTo(Duration.ofMinutes(1)) > 0) {
                    backoff = Duration.ofSeconds(1);
                }
                Instant failingSince = status.failingSince() == null ? clock.instant() : status.failingSince();
                status = new RelayStatus(lock.isHeld() ? RelayStatus.Role.LEADER : RelayStatus.Role.STANDBY,
                        status.slotLagBytes(), failure, failingSince);
                log.warn("The outbox relay stopped ({}); restarting it in {} s", failure, backoff.toSeconds());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_RESTART_BACKOFF) > 0 ? MAX_RESTART_BACKOFF : backoff.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopEngine();
            lock.close();
            log.info("The outbox relay stopped and released its leader lock");
        }
    }

    private boolean acquireLeadership() {
        try {
            if (lock.tryAcquire()) {
                if (status.role() != RelayStatus.Role.LEADER) {
                    log.info("This instance leads the outbox relay (slot {})", settings.slotName());
                }
                return true;
            }
            if (status.role() != RelayStatus.Role.STANDBY) {
                log.info("Another instance leads the outbox relay; standing by (retrying every {} s)",
                        settings.lockRetryInterval().toSeconds());
            }
            status = new RelayStatus(RelayStatus.Role.STANDBY, -1, null, null);
        } catch (Exception e) {
            status = new RelayStatus(RelayStatus.Role.STANDBY, -1, "leader lock: " + e.getMessage(),
                    status.failingSince() == null ? clock.instant() : status.failingSince());
            log.warn("Could not try the relay's leader lock: {}", e.getMessage());
        }
        return false;
    }

    /** Runs the engine until it stops, the lock is lost or the relay is closed; returns why it ended. */
    private String relayWhileLeader() throws InterruptedException {
        status = new RelayStatus(RelayStatus.Role.LEADER, status.slotLagBytes(), status.lastError(), status.failingSince());
        CompletableFuture<String> ended = new CompletableFuture<>();
        try {
            ensurePublication();
            ensureTopics();
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(engineProperties())
                    .notifying(publisher)
                    .using((success, message, error) -> ended.complete(success ? "engine stopped: " + message
                            : "engine failed: " + message + (error == null ? "" : " (" + error.getMessage() + ")")))
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            streaming = true;
                            status = new RelayStatus(RelayStatus.Role.LEADER, status.slotLagBytes(), null, null);
                            log.info("The outbox relay streams from slot {} to topics {}.*", settings.slotName(), settings.topicPrefix());
                        }
                    })
                    .build();
            Thread runner = new Thread(engine, "trellis-relay-engine");
            runner.setDaemon(true);
            runner.start();
            while (running) {
                try {
                    return ended.get(SUPERVISION_TICK.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException tick) {
                    if (!lock.isHeld()) {
                        return "the leader lock was lost";
                    }
                    housekeeping();
                }
            }
            return "closed";
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            if (running) {
                throw e;
            }
            return "closed";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            stopEngine();
        }
    }

    private void housekeeping() {
        Instant now = clock.instant();
        if (Duration.between(lastSlotLagCheck, now).compareTo(SLOT_LAG_INTERVAL) >= 0) {
            lastSlotLagCheck = now;
            try {
                long lag = slotLagBytes();
                status = new RelayStatus(status.role(), lag, status.lastError(), status.failingSince());
            } catch (RuntimeException e) {
                log.debug("Could not measure the slot's lag", e);
            }
        }
        if (Duration.between(lastRetention, now).compareTo(RETENTION_INTERVAL) >= 0) {
            lastRetention = now;
            deleteExpiredEvents();
        }
    }

    /** Deletes published events older than the retention; returns how many. Also run every 10 minutes by the leader. */
    public long deleteExpiredEvents() {
        try {
            long deleted = retention.deleteExpired();
            if (deleted > 0) {
                log.info("Deleted {} published outbox events older than {}", deleted, settings.retention());
            }
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Outbox retention failed: {}", e.getMessage());
            return 0;
        }
    }

    /** WAL the relay's slot holds back, in bytes; -1 when the slot does not exist yet. */
    public long slotLagBytes() {
        return jdbc.sql("""
                        select coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), -1)::bigint
                        from pg_replication_slots where slot_name = ?""")
                .param(settings.slotName())
                .query(Long.class).optional().orElse(-1L);
    }

    private void stopEngine() {
        streaming = false;
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        engine = null;
        if (current == null) {
            return;
        }
        try {
            current.close(); // waits for the batch in flight
        } catch (Exception e) {
            log.debug("Closing the engine failed (it may have failed already)", e);
        }
    }

    /** The outbox's inserts only: retention's deletes never reach the stream. */
    private void ensurePublication() {
        boolean exists = jdbc.sql("select count(*) from pg_publication where pubname = ?")
                .param(settings.publicationName()).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("create publication " + settings.publicationName() + " for table outbox with (publish = 'insert')").update();
            log.info("Created the publication {} (outbox inserts)", settings.publicationName());
        }
    }

    private void ensureTopics() {
        try (Admin client = admin.get()) {
            List<NewTopic> topics = AGGREGATE_TYPES.stream()
                    .map(type -> new NewTopic(settings.topic(type), java.util.Optional.of(settings.topicPartitions()), java.util.Optional.empty()))
                    .toList();
            client.createTopics(topics).values().forEach((name, created) -> {
                try {
                    created.get(30, TimeUnit.SECONDS);
                    log.info("Created the topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create the topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating " + name, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka did not answer in 30 s while creating " + name, e);
                }
            });
        }
    }

    Properties engineProperties() {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("name", "trellis-relay-" + settings.slotName()),
                Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                Map.entry("offset.storage", PostgresOffsetStore.class.getName()),
                Map.entry(PostgresOffsetStore.RELAY_PROPERTY, settings.slotName()),
                // offsets are stored after every acknowledged batch: a crash re-sends at most one batch
                Map.entry("offset.flush.interval.ms", "0"),
                Map.entry("database.hostname", database.host()),
                Map.entry("database.port", Integer.toString(database.port())),
                Map.entry("database.dbname", database.database()),
                Map.entry("database.user", database.user() == null ? "" : database.user()),
                Map.entry("database.password", database.password() == null ? "" : database.password()),
                Map.entry("database.sslmode", database.sslMode()),
                Map.entry("topic.prefix", "trellis-relay-" + settings.slotName()),
                Map.entry("plugin.name", "pgoutput"),
                Map.entry("slot.name", settings.slotName()),
                Map.entry("publication.name", settings.publicationName()),
                Map.entry("publication.autocreate.mode", "disabled"),
                Map.entry("table.include.list", "public.outbox"),
                // rows written before the relay first ran (or while it was switched off) go first, in order
                Map.entry("snapshot.mode", "initial"),
                Map.entry("snapshot.select.statement.overrides", "public.outbox"),
                Map.entry("snapshot.select.statement.overrides.public.outbox", "select * from public.outbox order by position"),
                Map.entry("skipped.operations", "u,d,t"),
                Map.entry("tombstones.on.delete", "false"),
                Map.entry("poll.interval.ms", Long.toString(settings.pollInterval().toMillis())),
                Map.entry("max.batch.size", Integer.toString(settings.maxBatchSize())),
                Map.entry("max.queue.size", Integer.toString(settings.maxBatchSize() * 4)),
                // an idle outbox must not pin WAL while other tables are busy
                Map.entry("heartbeat.interval.ms", Long.toString(settings.heartbeatInterval().toMillis())),
                Map.entry("heartbeat.action.query", "select pg_logical_emit_message(false, 'trellis-relay-heartbeat', now()::text)"),
                // a recreated slot (or a restored database) must not stop the relay: resume from the later position
                Map.entry("offset.mismatch.strategy", "trust_greater_lsn"),
                // reconnect to a restarted PostgreSQL quickly
                Map.entry("retriable.restart.connector.wait.ms", "1000"),
                Map.entry("errors.max.retries", "-1"),
                Map.entry("slot.max.retries", "30"),
                Map.entry("slot.retry.delay.ms", "1000"),
                Map.entry("status.update.interval.ms", "1000"),
                // stopping waits for the batch in flight (Kafka's delivery timeout is 30 s) instead of interrupting it
                Map.entry("record.processing.shutdown.timeout.ms", "35000"),
                Map.entry("task.management.timeout.ms", "60000")));
        return properties;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
