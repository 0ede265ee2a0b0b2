package dev.trellis.bootstrap.runtime.kafka;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * {@code KAFKA_BOOTSTRAP_SERVERS}, the name Kafka's own tools and images use, becomes
 * {@code spring.kafka.bootstrap-servers} for Spring Boot's producers, consumers and admin client; it
 * wins when both are set, as {@code DATABASE_URL} does over {@code spring.datasource.url}.
 */
public class KafkaBootstrapServersEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String servers = environment.getProperty(KafkaBootstrapServers.ENVIRONMENT_VARIABLE);
        if (servers == null || servers.isBlank()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(KafkaBootstrapServers.ENVIRONMENT_VARIABLE,
                Map.of(KafkaBootstrapServers.PROPERTY, servers.strip())));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
