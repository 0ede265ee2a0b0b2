package dev.trellis.bootstrap.runtime.kafka;

import dev.trellis.bootstrap.kafka.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real broker: records written are read back, also after a stop and a start on the same folder and port. */
@Timeout(180) // a guard against a hung broker, not a measure of speed
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogs() {
        TestKafka.quietBrokerLogs();
    }

    @Test
    void a_record_produced_is_consumed() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());

            produce(broker, "trellis.item", "itm_1", "{\"title\":\"First\"}");

            assertThat(consumeAll(broker, "trellis.item", 1)).containsExactly("itm_1={\"title\":\"First\"}");
        }
    }

    @Test
    void records_and_topics_survive_a_stop_and_a_start_on_the_same_folder_and_port() throws Exception {
        Path logDir = dataDir.resolve("kafka");
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0)) {
            port = broker.port();
            produce(broker, "trellis.tag", "tag_1", "{\"name\":\"Work\"}");
        }

        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(logDir, port)) {
            assertThat(again.port()).isEqualTo(port);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", again.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("trellis.tag");
            }
            produce(again, "trellis.tag", "tag_2", "{\"name\":\"Home\"}");

            assertThat(consumeAll(again, "trellis.tag", 2))
                    .containsExactly("tag_1={\"name\":\"Work\"}", "tag_2={\"name\":\"Home\"}");
        }
    }

    @Test
    void a_port_in_use_is_refused_with_a_clear_message() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port))
                    .isInstanceOf(EmbeddedKafkaPortInUse.class)
                    .hasMessage("port " + port + " is in use: set KAFKA_BOOTSTRAP_SERVERS to use that broker, "
                            + "or trellis.embedded-kafka.port (TRELLIS_EMBEDDED_KAFKA_PORT) to another port");
        }
    }

    static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads the topic from its start until {@code count} records have come: "key=value" each. */
    static List<String> consumeAll(EmbeddedKafkaBroker broker, String topic, int count) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (records.size() < count) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
        }
        return records;
    }
}
