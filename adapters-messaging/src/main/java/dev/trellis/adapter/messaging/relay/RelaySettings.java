package dev.trellis.adapter.messaging.relay;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the relay runs (README "Events on Kafka" lists each with its environment variable).
 *
 * @param slotName          the replication slot; also names the relay (its lock, offsets and progress)
 * @param publicationName   the publication of the outbox table, inserts only
 * @param topicPrefix       topics are {@code <prefix>.<aggregate type>}
 * @param source            the CloudEvents {@code source}
 * @param topicPartitions   partitions of the topics the relay creates when they are missing
 * @param pollInterval      how long Debezium waits for more changes before handing over a batch
 * @param maxBatchSize      the most events sent to Kafka before their offsets are acknowledged
 * @param heartbeatInterval how often an idle relay confirms its WAL position (so the slot frees WAL)
 * @param lockRetryInterval how often a standby tries the leader lock (takeover happens within it)
 * @param retention         how long published events stay in {@code outbox}
 * @param maxSlotLagBytes   WAL held by the slot above which health reports the relay down
 * @param schemaBase        the application's public URL: {@code ce_dataschema} is the payload's schema below it
 *                          ({@code <schemaBase>/events/schemas/<type>/v<n>.json}), where the application serves it
 */
public record RelaySettings(String slotName, String publicationName, String topicPrefix, String source,
                            int topicPartitions, Duration pollInterval, int maxBatchSize, Duration heartbeatInterval,
                            Duration lockRetryInterval, Duration retention, long maxSlotLagBytes, URI schemaBase) {

    /** The schema base of an application on its default port. */
    public static final URI DEFAULT_SCHEMA_BASE = URI.create("http://localhost:8080");

    public RelaySettings {
        requireIdentifier(slotName, "slotName");
        requireIdentifier(publicationName, "publicationName");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(source, "source");
        if (topicPartitions < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("topicPartitions and maxBatchSize must be at least 1");
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(lockRetryInterval, "lockRetryInterval");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(schemaBase, "schemaBase");
        if (!schemaBase.isAbsolute()) {
            throw new IllegalArgumentException("schemaBase must be an absolute URL: " + schemaBase);
        }
    }

    /** Settings whose schemas are named below {@link #DEFAULT_SCHEMA_BASE}. */
    public RelaySettings(String slotName, String publicationName, String topicPrefix, String source, int topicPartitions,
                         Duration pollInterval, int maxBatchSize, Duration heartbeatInterval, Duration lockRetryInterval,
                         Duration retention, long maxSlotLagBytes) {
        this(slotName, publicationName, topicPrefix, source, topicPartitions, pollInterval, maxBatchSize, heartbeatInterval,
                lockRetryInterval, retention, maxSlotLagBytes, DEFAULT_SCHEMA_BASE);
    }

    public static RelaySettings defaults() {
        return new RelaySettings("trellis_outbox", "trellis_outbox", "trellis", "/trellis", 3,
                Duration.ofMillis(10), 2048, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofDays(7),
                1024L * 1024 * 1024);
    }

    public String topic(String aggregateType) {
        return topicPrefix + "." + aggregateType;
    }

    // Slot and publication names go into SQL as identifiers: PostgreSQL's own rules for slot names.
    private static void requireIdentifier(String value, String name) {
        if (value == null || !value.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException(name + " must be 1 to 63 of a-z, 0-9 and _: " + value);
        }
    }
}
