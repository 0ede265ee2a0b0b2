package dev.trellis.bootstrap.wiring.relay;

import dev.trellis.adapter.messaging.relay.RelaySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

/**
 * {@code trellis.relay.*} (README "Events on Kafka"); each also as an environment variable, e.g. TRELLIS_RELAY_ENABLED.
 * {@code slotName} and {@code publicationName} unset (or blank) take the name derived from the database.
 */
@ConfigurationProperties("trellis.relay")
public record RelayProperties(boolean enabled, String slotName, String publicationName, String topicPrefix, String source,
                              int topicPartitions, Duration pollInterval, int maxBatchSize, Duration heartbeatInterval,
                              Duration lockRetryInterval, Duration retention, DataSize maxSlotLag) {

    /**
     * @param schemaBase  the public URL {@code ce_dataschema} names the schemas below ({@code EventsPublicUrl})
     * @param defaultName the slot and publication name when none is set ({@code ReplicationSlots.defaultName})
     */
    public RelaySettings settings(URI schemaBase, String defaultName) {
        return new RelaySettings(orDefault(slotName, defaultName), orDefault(publicationName, defaultName), topicPrefix,
                source, topicPartitions, pollInterval, maxBatchSize, heartbeatInterval, lockRetryInterval, retention,
                maxSlotLag.toBytes(), schemaBase);
    }

    /** Whether both names are set, so that none has to be derived from the database. */
    public boolean namesGiven() {
        return !isBlank(slotName) && !isBlank(publicationName);
    }

    private static String orDefault(String value, String defaultName) {
        return isBlank(value) ? defaultName : value.strip();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
