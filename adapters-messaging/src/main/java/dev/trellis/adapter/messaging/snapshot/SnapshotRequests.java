package dev.trellis.adapter.messaging.snapshot;

import dev.trellis.application.snapshot.RepublishCurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.shared.DomainException;
import dev.trellis.domain.shared.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots that downstream services ask for: a consumer that found a gap (events it never received)
 * writes a request to {@code <prefix>.snapshot-requests} (the consumer kit does, when the service is
 * allowed to: who may write that topic is Kafka's ACLs' business), keyed by the user whose share repairs
 * it, or {@code *} for everything. Requests are coalesced: every {@code window} the users asked for are
 * snapshotted once each, and a user (or everything) snapshotted less than {@code cooldown} ago waits
 * until the cooldown has passed, so that many consumers finding the same gap cost one snapshot. A
 * request that cannot be read is logged and dropped; it never stops the listener.
 */
public final class SnapshotRequests implements MessageListener<String, String>, AutoCloseable {

    static final String EVERYTHING = "*";
    private static final Logger log = LoggerFactory.getLogger(SnapshotRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RepublishCurrentState republish;
    private final Duration cooldown;
    private final Clock clock;
    private final Set<String> pending = new LinkedHashSet<>();
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Counter received;
    private final Counter refused;
    private final Counter snapshots;

    public SnapshotRequests(RepublishCurrentState republish, Duration window, Duration cooldown, Clock clock, MeterRegistry meters) {
        this.republish = republish;
        this.cooldown = cooldown;
        this.clock = clock;
        this.received = meters.counter("trellis.snapshot.requests", "outcome", "received");
        this.refused = meters.counter("trellis.snapshot.requests", "outcome", "refused");
        this.snapshots = meters.counter("trellis.snapshot.requests", "outcome", "snapshot");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshot-requests");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runDue, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        received.increment();
        String target = target(record);
        if (target == null) {
            refused.increment();
            return;
        }
        synchronized (pending) {
            pending.add(target);
        }
    }

    /** The user a request names ({@code *}: everything), or null when it names none that could exist. */
    private static String target(ConsumerRecord<String, String> record) {
        String userId = record.key();
        if (record.value() != null) {
            try {
                JsonNode value = JSON.readTree(record.value());
                if (value.hasNonNull("userId")) {
                    userId = value.get("userId").asString();
                }
            } catch (JacksonException e) {
                log.warn("Snapshot request at {}-{}@{} is not JSON; dropped: {}", record.topic(), record.partition(),
                        record.offset(), e.getOriginalMessage());
                return null;
            }
        }
        if (userId == null || userId.equals(EVERYTHING)) {
            return EVERYTHING;
        }
        try {
            return new UserId(userId).value();
        } catch (DomainException e) {
            log.warn("Snapshot request at {}-{}@{} names '{}', not a user id; dropped", record.topic(), record.partition(),
                    record.offset(), userId);
            return null;
        }
    }

    /** Snapshots the users asked for whose cooldown has passed; the others wait for the next round. */
    void runDue() {
        Set<String> due = new LinkedHashSet<>();
        Instant now = clock.instant();
        synchronized (pending) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                String target = it.next();
                Instant last = lastRun.get(target);
                if (last == null || !last.plus(cooldown).isAfter(now)) {
                    due.add(target);
                    it.remove();
                }
            }
        }
        if (due.contains(EVERYTHING)) {
            due = Set.of(EVERYTHING); // everything covers every user's share
        }
        for (String target : due) {
            lastRun.put(target, clock.instant());
            SnapshotScope scope = target.equals(EVERYTHING) ? SnapshotScope.everything() : SnapshotScope.of(new UserId(target));
            try {
                RepublishCurrentState.Republished done = republish.handle(scope);
                snapshots.increment();
                log.info("Snapshot asked for by a consumer ({}): {} events", target.equals(EVERYTHING) ? "everything" : target,
                        done.events());
            } catch (DomainException e) {
                log.warn("Snapshot asked for {} not taken: {}", target, e.getMessage());
            } catch (RuntimeException e) {
                lastRun.remove(target);
                synchronized (pending) {
                    pending.add(target); // tried again next round
                }
                log.error("Snapshot asked for {} failed; trying again in the next round", target, e);
            }
        }
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
