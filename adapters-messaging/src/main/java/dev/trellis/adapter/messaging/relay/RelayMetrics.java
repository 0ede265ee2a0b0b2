package dev.trellis.adapter.messaging.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The relay's meters (actuator: /actuator/metrics/trellis.relay.*): events relayed, failed sends,
 * parked events, the slot's WAL lag, leadership, and the time from an event's commit in
 * PostgreSQL to Kafka's acknowledgement.
 */
public final class RelayMetrics {

    private final Counter relayed;
    private final Counter failures;
    private final Counter parked;
    private final Timer latency;

    public RelayMetrics(MeterRegistry registry, Supplier<Number> slotLagBytes, Supplier<Number> leader) {
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
