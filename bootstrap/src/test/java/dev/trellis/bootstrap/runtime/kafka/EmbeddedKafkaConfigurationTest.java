package dev.trellis.bootstrap.runtime.kafka;

import dev.trellis.bootstrap.kafka.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.mock.env.MockEnvironment;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** When the embedded broker starts, and what Spring Boot's Kafka clients connect to. */
@Timeout(180) // a guard against a hung broker, not a measure of speed
class EmbeddedKafkaConfigurationTest {

    private static final FilteredClassLoader WITHOUT_BROKER = new FilteredClassLoader("kafka.server");

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogs() {
        TestKafka.quietBrokerLogs();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedKafkaConfiguration.class, EmbeddedKafkaUnavailableConfiguration.class)
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withPropertyValues("trellis.data-dir=" + dataDir, "trellis.embedded-kafka.port=0");
    }

    @Test
    void with_nothing_configured_the_broker_starts_in_the_data_folder_and_the_kafka_clients_use_it() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EmbeddedKafkaBroker.class);
            EmbeddedKafkaBroker broker = context.getBean(EmbeddedKafkaBroker.class);
            assertThat(broker.logDir()).isEqualTo(dataDir.resolve("kafka"));
            assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                    .containsExactly(broker.bootstrapServers());

            @SuppressWarnings("unchecked")
            KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
            SendResult<Object, Object> sent = template.send("trellis.configured", "key", "value").get();
            assertThat(sent.getRecordMetadata().offset()).isZero();

            // Destroyed in reverse: the producers (and whatever uses them) close before the broker stops.
            var beans = context.getBeanFactory();
            assertThat(beans.getDependentBeans("embeddedKafkaBroker")).contains("kafkaConnectionDetails");
            assertThat(beans.getDependentBeans("kafkaConnectionDetails")).contains("kafkaProducerFactory", "kafkaAdmin");
        });
    }

    @Test
    void spring_kafka_bootstrap_servers_means_no_broker() {
        runner().withPropertyValues("spring.kafka.bootstrap-servers=kafka.example.com:9092").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedKafkaBroker.class);
            assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                    .containsExactly("kafka.example.com:9092");
        });
    }

    @Test
    void kafka_bootstrap_servers_means_no_broker() {
        runner().withPropertyValues("KAFKA_BOOTSTRAP_SERVERS=kafka.example.com:9092").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedKafkaBroker.class));
    }

    @Test
    void kafka_bootstrap_servers_becomes_spring_kafka_bootstrap_servers_and_wins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("KAFKA_BOOTSTRAP_SERVERS", " a:9092,b:9092 ")
                .withProperty("spring.kafka.bootstrap-servers", "c:9092");

        new KafkaBootstrapServersEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("a:9092,b:9092");
    }

    @Test
    void a_blank_kafka_bootstrap_servers_counts_as_unset() {
        runner().withPropertyValues("KAFKA_BOOTSTRAP_SERVERS= ", "trellis.relay.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedKafkaBroker.class));
        MockEnvironment environment = new MockEnvironment().withProperty("KAFKA_BOOTSTRAP_SERVERS", " ");
        new KafkaBootstrapServersEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        assertThat(environment.containsProperty("spring.kafka.bootstrap-servers")).isFalse();
    }

    @Test
    void with_the_relay_off_no_broker_starts() {
        runner().withPropertyValues("trellis.relay.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedKafkaBroker.class));
    }

    @Test
    void without_the_broker_classes_and_nothing_configured_start_up_stops_with_one_clear_line() {
        runner().withClassLoader(WITHOUT_BROKER).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new KafkaStartupFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo("No Kafka is configured and this build has no embedded broker: set KAFKA_BOOTSTRAP_SERVERS "
                            + "(host:port[,host:port]), or TRELLIS_RELAY_ENABLED=false to run without publishing events")
                    .doesNotContain("\n");
        });
    }

    @Test
    void without_the_broker_classes_a_configured_kafka_or_the_relay_off_starts_without_a_broker() {
        runner().withClassLoader(WITHOUT_BROKER).withPropertyValues("KAFKA_BOOTSTRAP_SERVERS=kafka.example.com:9092")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("embeddedKafkaBroker"));
        runner().withClassLoader(WITHOUT_BROKER).withPropertyValues("trellis.relay.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("embeddedKafkaBroker"));
    }

    @Test
    void a_port_in_use_stops_start_up_with_one_clear_line() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            runner().withPropertyValues("trellis.embedded-kafka.port=" + taken.getLocalPort()).run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new KafkaStartupFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).isEqualTo("port " + taken.getLocalPort()
                        + " is in use: set KAFKA_BOOTSTRAP_SERVERS to use that broker, "
                        + "or trellis.embedded-kafka.port (TRELLIS_EMBEDDED_KAFKA_PORT) to another port");
            });
        }
    }
}
