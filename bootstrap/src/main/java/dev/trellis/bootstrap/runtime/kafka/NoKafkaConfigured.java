package dev.trellis.bootstrap.runtime.kafka;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when neither {@code KAFKA_BOOTSTRAP_SERVERS} nor {@code spring.kafka.bootstrap-servers} names a Kafka cluster. */
class NoKafkaConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return KafkaBootstrapServers.configured(context.getEnvironment()) == null;
    }
}
