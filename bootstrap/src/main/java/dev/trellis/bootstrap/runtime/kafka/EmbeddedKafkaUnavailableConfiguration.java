package dev.trellis.bootstrap.runtime.kafka;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A jar packaged without the embedded broker, the relay on and no Kafka configured: there is nothing
 * to connect to. Without this, Boot's default {@code localhost:9092} would have the relay retry forever.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass(EmbeddedKafkaConfiguration.BROKER_CLASS)
@ConditionalOnBooleanProperty(name = "trellis.relay.enabled", matchIfMissing = true)
@Conditional(NoKafkaConfigured.class)
public class EmbeddedKafkaUnavailableConfiguration {

    /** Stands where the broker's connection details would, and stops start-up with the reason. */
    @Bean
    KafkaConnectionDetails kafkaConnectionDetails() {
        throw new NoKafkaToConnectTo();
    }
}
