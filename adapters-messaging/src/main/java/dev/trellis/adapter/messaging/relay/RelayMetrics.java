package dev.trellis.adapter.messaging.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.trellis.adapter.messaging.relay.postgres.ReplicationSlots;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The relay's meters (actuator: /actuator/metrics/trellis.relay.*): events relayed, failed sends,
 * parked events, the slot's WAL lag, leadership, slots of this database left behind and the WAL they hold,
 * and the time from an event's commit in PostgreSQL to Kafka's acknowledgement.
 */
public final class RelayMetrics {

    private final Counter relayed;
    private final Counter failures;
    private final Counter parked;
    private final Timer latency;

    public RelayMetrics(MeterRegistry registry, Supplier<Number> slotLagBytes, Supplier<Number> leader) {
        this(registry, slotLagBytes, leader, List::of);
    }

    /**
     * @param abandonedSlots this database's logical slots that no one reads, besides the relay's own: counted in
     *                       {@code trellis.relay.slots.abandoned}, their WAL summed in
     *                       {@code trellis.relay.slots.abandoned.retained} (-1 when they cannot be read)
     */
    public RelayMetrics(MeterRegistry registry, Supplier<Number> slotLagBytes, Supplier<Number> leader,
                        Supplier<List<ReplicationSlots.Abandoned>> abandonedSlots) {
        relayed = Counter.builder("trellis.relay.events.relayed")
                .description("Outbox events Kafka acknowledged").register(registry);
        failures = Counter.builder("trellis.relay.send.failures")
                .description("Sends Kafka did not acknowledge (retried with backoff)").register(registry);
        parked = Counter.builder("trellis.relay.events.parked")
                .description("Events Kafka refused for good, parked in outbox_parked").register(registry);
        latency = Timer.builder("trellis.relay.latency")
                .description("From the event's commit in PostgreSQL to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        Gauge.builder("trellis.relay.slot.lag", slotLagBytes).baseUnit("bytes")
                .description("WAL the replication slot holds back (-1 when unknown)").register(registry);
        Gauge.builder("trellis.relay.leader", leader)
                .description("1 when this instance is the active relay, 0 when it stands by").register(registry);
        Gauge.builder("trellis.relay.slots.abandoned", () -> measure(abandonedSlots, slots -> slots.size()))
                .description("Inactive logical slots of this database besides the relay's: drop them (README)")
                .register(registry);
        Gauge.builder("trellis.relay.slots.abandoned.retained",
                        () -> measure(abandonedSlots, slots -> slots.stream().mapToLong(ReplicationSlots.Abandoned::retainedBytes).sum()))
                .baseUnit("bytes")
                .description("WAL the abandoned slots hold back on the server (-1 when unknown)").register(registry);
    }

    private static Number measure(Supplier<List<ReplicationSlots.Abandoned>> slots,
                                  Function<List<ReplicationSlots.Abandoned>, Number> what) {
        try {
            return what.apply(slots.get());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    void relayed(int count) {
        relayed.increment(count);
    }

    void failed() {
        failures.increment();
    }

    void parked() {
        parked.increment();
    }

    void latency(Duration commitToAck) {
        latency.record(commitToAck.isNegative() ? Duration.ZERO : commitToAck);
    }

    public double relayedCount() {
        return relayed.count();
    }

    public double parkedCount() {
        return parked.count();
    }

    public double failureCount() {
        return failures.count();
    }

    public Timer latency() {
        return latency;
    }
}
