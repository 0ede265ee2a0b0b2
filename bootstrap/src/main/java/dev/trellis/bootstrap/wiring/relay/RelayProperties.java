package dev.trellis.bootstrap.wiring.relay;

import dev.trellis.adapter.messaging.relay.RelaySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

/** {@code trellis.relay.*} (README "Events on Kafka"); each also as an environment variable, e.g. TRELLIS_RELAY_ENABLED. */
@ConfigurationProperties("trellis.relay")
public record RelayProperties(boolean enabled, String slotName, String publicationName, String topicPrefix, String source,
                              int topicPartitions, Duration pollInterval, int maxBatchSize, Duration heartbeatInterval,
                              Duration lockRetryInterval, Duration retention, DataSize maxSlotLag) {

    /** @param schemaBase the public URL {@code ce_dataschema} names the schemas below ({@code EventsPublicUrl}) */
    public RelaySettings settings(URI schemaBase) {
        return new RelaySettings(slotName, publicationName, topicPrefix, source, topicPartitions, pollInterval,
                maxBatchSize, heartbeatInterval, lockRetryInterval, retention, maxSlotLag.toBytes(), schemaBase);
    }
}
