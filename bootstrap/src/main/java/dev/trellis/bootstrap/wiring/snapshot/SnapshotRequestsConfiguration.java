package dev.trellis.bootstrap.wiring.snapshot;

import dev.trellis.adapter.messaging.snapshot.SnapshotRequests;
import dev.trellis.application.snapshot.RepublishCurrentState;
import dev.trellis.bootstrap.wiring.relay.RelayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Snapshots asked for by downstream consumers (README "Graph sync"): listens on
 * {@code <topic-prefix>.snapshot-requests} while the relay runs (the relay publishes the snapshot's
 * events). {@code TRELLIS_SNAPSHOT_REQUESTS_ENABLED=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = {"trellis.relay.enabled", "trellis.snapshot-requests.enabled"}, matchIfMissing = true)
public class SnapshotRequestsConfiguration {

    public static final String TOPIC_SUFFIX = ".snapshot-requests";

    @Bean(destroyMethod = "close")
    SnapshotRequests snapshotRequests(RepublishCurrentState republish, MeterRegistry meters,
                                      @Value("${trellis.snapshot-requests.window:5s}") Duration window,
                                      @Value("${trellis.snapshot-requests.cooldown:60s}") Duration cooldown) {
        return new SnapshotRequests(republish, window, cooldown, Clock.systemUTC(), meters);
    }

    @Bean
    NewTopic snapshotRequestTopic(RelayProperties relay) {
        // one partition keeps requests in order; the replication factor is the broker's default
        return new NewTopic(relay.topicPrefix() + TOPIC_SUFFIX, Optional.of(1), Optional.empty());
    }

    @Bean
    KafkaMessageListenerContainer<String, String> snapshotRequestListener(ConsumerFactory<String, String> consumers,
                                                                          SnapshotRequests requests, RelayProperties relay,
                                                                          @Value("${trellis.snapshot-requests.group-id:trellis-snapshot-requests}") String groupId) {
        ContainerProperties container = new ContainerProperties(relay.topicPrefix() + TOPIC_SUFFIX);
        container.setGroupId(groupId);
        container.setMessageListener(requests);
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // requests written before the first start count
        container.setKafkaConsumerProperties(consumer);
        return new KafkaMessageListenerContainer<>(consumers, container);
    }
}
