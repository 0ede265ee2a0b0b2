package planted.kitoptional.event.consumer;

import io.micrometer.core.instrument.MeterRegistry;

/** Violation: the plain counters need Micrometer. */
public class ConsumerMetrics {
    public void publish(MeterRegistry registry) {
        registry.counter("events");
    }
}
