package dev.trellis.bootstrap.runtime.kafka;

import org.springframework.core.env.PropertyResolver;

/** Where the Kafka cluster is, if the user said: {@code KAFKA_BOOTSTRAP_SERVERS} first, then {@code spring.kafka.bootstrap-servers}. */
public final class KafkaBootstrapServers {

    static final String ENVIRONMENT_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    static final String PROPERTY = "spring.kafka.bootstrap-servers";

    private KafkaBootstrapServers() {
    }

    /** The configured {@code host:port[,host:port…]}, or null when none is (blank counts as none). */
    public static String configured(PropertyResolver properties) {
        for (String name : new String[]{ENVIRONMENT_VARIABLE, PROPERTY}) {
            String value = properties.getProperty(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
