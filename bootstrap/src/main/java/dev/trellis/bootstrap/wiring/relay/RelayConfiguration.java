package dev.trellis.bootstrap.wiring.relay;

import com.zaxxer.hikari.HikariDataSource;
import dev.trellis.adapter.messaging.relay.postgres.DatabaseEndpoint;
import dev.trellis.adapter.messaging.relay.postgres.LogicalReplication;
import dev.trellis.adapter.messaging.relay.postgres.ReplicationSlots;
import dev.trellis.adapter.messaging.relay.OutboxRelay;
import dev.trellis.adapter.messaging.relay.ParkedEventReplay;
import dev.trellis.adapter.messaging.relay.ParkedEvents;
import dev.trellis.adapter.messaging.relay.RelayMetrics;
import dev.trellis.adapter.messaging.relay.RelaySettings;
import dev.trellis.adapter.web.events.EventContractSettings;
import dev.trellis.application.relay.ListParkedEvents;
import dev.trellis.application.relay.ReplayParkedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The outbox relay (on unless {@code TRELLIS_RELAY_ENABLED=false}): refuses to start on a database
 * without logical decoding, starts once the application is up, and stops first on shutdown so its
 * last batch is acknowledged before Kafka's clients and the pool close. The administration of the
 * events Kafka refused (list, replay) is wired whether the relay runs or not: the relay commands run none.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
public class RelayConfiguration {

    /**
     * The relay's settings; {@code ce_dataschema} names the schemas below the contract's public URL. A slot or
     * publication name not given is derived from the database ({@link ReplicationSlots#defaultName(JdbcClient)}).
     */
    @Bean
    RelaySettings relaySettings(RelayProperties properties, EventContractSettings contract, JdbcClient jdbc) {
        String defaultName = properties.namesGiven() ? ReplicationSlots.LEGACY_NAME : ReplicationSlots.defaultName(jdbc);
        return properties.settings(contract.publicUrl(), defaultName);
    }

    @Bean
    ParkedEvents parkedEvents(JdbcClient jdbc) {
        return new ParkedEvents(jdbc);
    }

    @Bean
    ParkedEventReplay parkedEventReplay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, RelaySettings settings) {
        return new ParkedEventReplay(jdbc, kafka, settings);
    }

    @Bean
    ListParkedEvents listParkedEvents(ParkedEvents parked) {
        return new ListParkedEvents(parked);
    }

    @Bean
    ReplayParkedEvents replayParkedEvents(ParkedEvents parked, ParkedEventReplay replay) {
        return new ReplayParkedEvents(parked, replay);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "trellis.relay.enabled", matchIfMissing = true)
    static class Relay {

        @Bean(destroyMethod = "close")
        OutboxRelay outboxRelay(RelaySettings settings, DataSource dataSource, JdbcClient jdbc,
                                KafkaTemplate<String, String> kafka, KafkaAdmin kafkaAdmin, MeterRegistry meters,
                                ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
            LogicalReplication.requireAvailable(jdbc);
            return new OutboxRelay(settings, endpoint(dataSource), dataSource, kafka,
                    () -> Admin.create(kafkaAdmin.getConfigurationProperties()),
                    (slotLag, leader) -> new RelayMetrics(meters, slotLag, leader,
                            () -> ReplicationSlots.abandoned(jdbc, settings.slotName())), Clock.systemUTC(),
                    tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
        }

        @Bean
        SmartLifecycle outboxRelayLifecycle(OutboxRelay relay) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    relay.start();
                    running = true;
                }

                @Override
                public void stop() {
                    relay.close();
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }
            };
        }

        @Bean
        RelayHealthIndicator relayHealthIndicator(OutboxRelay relay, JdbcClient jdbc) {
            return new RelayHealthIndicator(relay, jdbc);
        }
    }

    /** The relay's own connections (replication stream, leader lock) use the pool's address and credentials. */
    public static DatabaseEndpoint endpoint(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return new DatabaseEndpoint(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        try {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            return new DatabaseEndpoint(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the outbox relay needs the database's address: expected a Hikari pool, got "
                    + dataSource.getClass().getName(), e);
        }
    }
}
