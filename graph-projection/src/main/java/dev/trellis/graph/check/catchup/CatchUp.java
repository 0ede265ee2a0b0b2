package dev.trellis.graph.check.catchup;

import dev.trellis.graph.check.postgres.PostgresEndpoint;
import dev.trellis.graph.check.report.CheckFailed;
import dev.trellis.graph.check.report.CheckReport.Waited;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Waits until the graph has everything committed before a PostgreSQL snapshot: first the relay has published
 * up to the snapshot's outbox position ({@code relay_progress}, read in fresh transactions), then the
 * projection's consumer group has committed, on every partition of the four topics, the end offsets read after
 * that (the projection commits an offset only after Neo4j committed what it applied).
 */
public final class CatchUp {

    /** The relay or the projection did not catch up in time; the message says which. */
    static final class NotCaughtUp extends CheckFailed {
        NotCaughtUp(String message) {
            super(message);
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long KAFKA_CALL_SECONDS = 15;

    private final PostgresEndpoint postgres;
    private final String relay;
    private final Admin kafka;
    private final String kafkaDescription;
    private final List<String> topics;
    private final String group;
    private final Duration timeout;

    public CatchUp(PostgresEndpoint postgres, String relay, Admin kafka, String kafkaDescription, List<String> topics, String group,
            Duration timeout) {
        this.postgres = postgres;
        this.relay = relay;
        this.kafka = kafka;
        this.kafkaDescription = kafkaDescription;
        this.topics = topics;
        this.group = group;
        this.timeout = timeout;
    }

    /**
     * The relay of the database when none is named: its slot name is derived from the database's name, so the
     * check reads it from {@code relay_progress}, which holds one row per relay that has published.
     */
    public static String theOnlyRelay(PostgresEndpoint postgres) {
        List<String> relays = new ArrayList<>();
        try (Connection connection = postgres.connect();
             PreparedStatement statement = connection.prepareStatement("select relay from relay_progress order by relay");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                relays.add(result.getString(1));
            }
        } catch (SQLException e) {
            throw new CheckFailed("Could not read the relays from PostgreSQL (" + postgres.describe() + "): " + e.getMessage(), e);
        }
        if (relays.size() == 1) {
            return relays.get(0);
        }
        throw new CheckFailed(relays.isEmpty()
                ? "No relay has published from this database yet (relay_progress is empty). Is the application's relay running?"
                : "Several relays have published from this database (" + String.join(", ", relays) + "): name one with --relay.");
    }

    /** Waits for both stages, at most the timeout in all. */
    public Waited await(long position) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        awaitRelay(position, deadline);
        long relayed = System.nanoTime();
        awaitProjection(deadline);
        return new Waited(Duration.ofNanos(relayed - started), Duration.ofNanos(System.nanoTime() - relayed));
    }

    private void awaitRelay(long position, long deadline) {
        if (position == 0) {
            return; // nothing in the outbox: nothing to publish
        }
        try (Connection connection = postgres.connect();
             PreparedStatement statement = connection.prepareStatement("select relayed_position from relay_progress where relay = ?")) {
            connection.setAutoCommit(true); // each read its own transaction: the relay's newest progress
            statement.setString(1, relay);
            while (true) {
                Long relayed = null;
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        relayed = result.getLong(1);
                    }
                }
                if (relayed != null && relayed >= position) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new NotCaughtUp("The relay '" + relay + "' has not published up to outbox position "
                            + position + " within " + seconds(timeout) + " ("
                            + (relayed == null ? "relay_progress has no row for it" : "it has published up to " + relayed)
                            + "). Is the application's relay running? --relay names another relay, --timeout waits longer, "
                            + "--no-wait compares without waiting (on a quiet system).");
                }
                sleep();
            }
        } catch (SQLException e) {
            throw new CheckFailed("Could not read the relay's progress from PostgreSQL (" + postgres.describe() + "): " + e.getMessage(), e);
        }
    }

    private void awaitProjection(long deadline) {
        Map<TopicPartition, Long> ends = endOffsetsToApply();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = call(() -> kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(KAFKA_CALL_SECONDS, TimeUnit.SECONDS), "the consumer group's offsets");
            Map<TopicPartition, String> behind = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            ends.forEach((partition, end) -> {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null || offset.offset() < end) {
                    behind.put(partition, (offset == null ? "nothing committed" : "at " + offset.offset()) + " of " + end);
                }
            });
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new NotCaughtUp("The projection (consumer group '" + group + "') has not applied everything "
                        + "the relay published within " + seconds(timeout) + ": "
                        + behind.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "))
                        + ". Is the projection running? --group names another consumer group, --timeout waits longer, "
                        + "--no-wait compares without waiting (on a quiet system).");
            }
            sleep();
        }
    }

    /** The end offset of every partition of the topics that holds records (an emptied partition has nothing to apply). */
    private Map<TopicPartition, Long> endOffsetsToApply() {
        Set<String> existing = call(() -> kafka.listTopics().names().get(KAFKA_CALL_SECONDS, TimeUnit.SECONDS), "the topics");
        List<String> present = topics.stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions = call(() -> kafka.describeTopics(present).allTopicNames()
                .get(KAFKA_CALL_SECONDS, TimeUnit.SECONDS), "the topics' partitions");
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(description -> description.partitions()
                .forEach(partition -> partitions.add(new TopicPartition(description.name(), partition.partition()))));
        Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = new HashMap<>();
        latest.forEach((partition, end) -> {
            if (end > earliest.getOrDefault(partition, 0L)) {
                ends.put(partition, end);
            }
        });
        return ends;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = call(() -> kafka.listOffsets(request).all()
                .get(KAFKA_CALL_SECONDS, TimeUnit.SECONDS), "the topics' offsets");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private interface KafkaCall<T> {
        T call() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private <T> T call(KafkaCall<T> call, String what) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("Interrupted while reading " + what + " from Kafka");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new CheckFailed("Could not read " + what + " from Kafka at " + kafkaDescription + ": " + cause
                    + ". --no-wait compares without waiting (on a quiet system, without Kafka).", cause);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("Interrupted while waiting for the point to compare at");
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
