package planted.kitoptional.event.consumer.spring;

import io.micrometer.core.instrument.MeterRegistry;

/** Violation: the spring-kafka room needs Micrometer too, so a Spring service without Micrometer cannot load it. */
public class TimedListener {
    public void time(MeterRegistry registry) {
        registry.timer("batches");
    }
}
