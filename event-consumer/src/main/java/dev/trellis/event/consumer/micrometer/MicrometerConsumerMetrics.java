package dev.trellis.event.consumer.micrometer;

import dev.trellis.event.consumer.batch.ConsumerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a consumer's {@link ConsumerMetrics} to Micrometer (then Prometheus as
 * {@code trellis_consumer_events_total{consumer="graph-sync",outcome="applied"}} and so on), tagged
 * {@code consumer} with the consumer's name (its group id). Needs micrometer-core, an optional dependency of the kit.
 */
public final class MicrometerConsumerMetrics implements MeterBinder {

    private final ConsumerMetrics metrics;
    private final Tags tags;

    public MicrometerConsumerMetrics(ConsumerMetrics metrics, String consumer) {
        this.metrics = metrics;
        this.tags = Tags.of("consumer", consumer);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "trellis.consumer.events.received", "events of applied batches", ConsumerMetrics::received, Tags.empty());
        counter(registry, "trellis.consumer.events", "events by what became of them", ConsumerMetrics::applied, Tags.of("outcome", "applied"));
        counter(registry, "trellis.consumer.events", "events by what became of them", ConsumerMetrics::duplicates, Tags.of("outcome", "duplicate"));
        counter(registry, "trellis.consumer.events", "events by what became of them", ConsumerMetrics::superseded, Tags.of("outcome", "superseded"));
        counter(registry, "trellis.consumer.events", "events by what became of them", ConsumerMetrics::afterDeletion,
                Tags.of("outcome", "after_deletion"));
        counter(registry, "trellis.consumer.gaps", "versions that skipped ahead; remedy: a snapshot of the owner",
                ConsumerMetrics::gaps, Tags.empty());
        counter(registry, "trellis.consumer.batches", "batches applied and committed", ConsumerMetrics::batches, Tags.empty());
        counter(registry, "trellis.consumer.batch.failures", "handler attempts that threw and were retried",
                ConsumerMetrics::batchFailures, Tags.empty());
        counter(registry, "trellis.consumer.decoding.failures", "records that could not be decoded; each stops the consumer",
                ConsumerMetrics::decodingFailures, Tags.empty());
        counter(registry, "trellis.consumer.snapshot.requests", "snapshot requests written", ConsumerMetrics::snapshotRequests,
                Tags.empty());
        Gauge.builder("trellis.consumer.lag", metrics, ConsumerMetrics::lag)
                .description("records on the partitions held not yet applied, as of the last poll")
                .tags(tags)
                .register(registry);
        Gauge.builder("trellis.consumer.partitions", metrics, ConsumerMetrics::partitions)
                .description("partitions this consumer holds")
                .tags(tags)
                .register(registry);
        TimeGauge.builder("trellis.consumer.apply.latency", metrics, TimeUnit.MILLISECONDS, m -> {
                    Duration latency = m.lastApplyLatency();
                    return latency == null ? Double.NaN : latency.toNanos() / 1_000_000.0;
                })
                .description("from the change in Trellis to its batch applied here, for the last batch's newest event")
                .tags(tags)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<ConsumerMetrics> value, Tags extra) {
        FunctionCounter.builder(name, metrics, value).description(description).tags(tags.and(extra)).register(registry);
    }
}
