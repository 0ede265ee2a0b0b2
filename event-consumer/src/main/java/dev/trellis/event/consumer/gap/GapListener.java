package dev.trellis.event.consumer.gap;

import dev.trellis.event.consumer.fence.Gap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told of each {@link Gap} once the batch that revealed it was applied and committed. The default,
 * {@link #logging()}, writes one WARN line naming the aggregate, the missing versions and the remedy.
 */
@FunctionalInterface
public interface GapListener {

    void onGap(Gap gap);

    static GapListener logging() {
        Logger log = LoggerFactory.getLogger(GapListener.class);
        return gap -> log.warn("Events never reached this consumer: {}", gap);
    }
}
