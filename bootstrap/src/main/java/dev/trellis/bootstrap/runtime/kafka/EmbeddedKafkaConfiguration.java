package dev.trellis.bootstrap.runtime.kafka;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.List;

/**
 * The zero-install default: when the outbox relay is on and no Kafka is configured, a real broker runs
 * from the data folder ({@code <trellis.data-dir>/kafka}) and Spring Boot's Kafka clients connect to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = EmbeddedKafkaConfiguration.BROKER_CLASS)
@ConditionalOnBooleanProperty(name = "trellis.relay.enabled", matchIfMissing = true)
@Conditional(NoKafkaConfigured.class)
public class EmbeddedKafkaConfiguration {

    static final String BROKER_CLASS = "kafka.server.KafkaRaftServer";

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(@Value("${trellis.data-dir}") Path dataDir,
                                            @Value("${trellis.embedded-kafka.port}") int port) {
        return EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port);
    }

    /**
     * Boot's producer and consumer factories and its admin client take their address from here, so they
     * depend on the broker bean: Spring closes them (and the relay, which uses them) before the broker stops.
     */
    @Bean
    KafkaConnectionDetails kafkaConnectionDetails(EmbeddedKafkaBroker broker) {
        List<String> servers = List.of(broker.bootstrapServers());
        return () -> servers;
    }
}
