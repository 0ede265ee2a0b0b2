package planted.kitreach.event.consumer;

import planted.kitreach.event.consumer.micrometer.MicrometerConsumerMetrics;

/** Violation: the core reaches the Micrometer binder, so it cannot load without Micrometer. */
public class MetricsOnStart {
    public Object binder() {
        return new MicrometerConsumerMetrics();
    }
}
