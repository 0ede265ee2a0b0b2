package planted.kitreach.event.consumer;

import planted.kitreach.event.consumer.spring.TrellisBatchListener;

/** Violation: the core reaches the spring-kafka listener, so it cannot load without spring-kafka. */
public class RecordLoop {
    public Object listener() {
        return new TrellisBatchListener();
    }
}
