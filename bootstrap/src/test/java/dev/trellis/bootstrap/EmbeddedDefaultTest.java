package dev.trellis.bootstrap;

import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import dev.trellis.bootstrap.runtime.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import dev.trellis.bootstrap.relay.RelayEndToEndTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.ArrayList;
import java.util.List;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command with nothing configured: the embedded PostgreSQL and Kafka broker start
 * in the data folder (fsync on), the migrations and the demo data are applied, HTTP answers, records
 * can be published; a second start on the same folder keeps the data and adds no second copy of the demo data.
 */
class EmbeddedDefaultTest {

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void starts_on_the_embedded_database_and_keeps_its_data_across_restarts() throws Exception {
        int databasePort = freePort();
        // The relay (and with it the embedded broker) is on by default; the tests' config/application.properties turns it off.
        String[] args = {"--trellis.data-dir=" + dataDir, "--trellis.embedded-database.port=" + databasePort, "--server.port=0",
                "--trellis.relay.enabled=true", "--trellis.embedded-kafka.port=0"};

        try (ConfigurableApplicationContext app = SpringApplication.run(TrellisApplication.class, args)) {
            assertThat(app.getBean(EmbeddedDatabaseServer.class).dataDirectory()).isEqualTo(dataDir.resolve("postgres"));
            EmbeddedKafkaBroker broker = app.getBean(EmbeddedKafkaBroker.class);
            assertThat(broker.logDir()).isEqualTo(dataDir.resolve("kafka"));
            KafkaTemplate<Object, Object> kafka = app.getBean(KafkaTemplate.class);
            assertThat(kafka.send("trellis.readme", "key", "value").get().getRecordMetadata().topic()).isEqualTo("trellis.readme");
            var health = Http.get(port(app), "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("PostgreSQL");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("select count(*) from \"user\" where email = 'demo@example.com'").query(Long.class).single()).isEqualTo(1);
            jdbc.sql("update items set title = 'Kept across restarts' where id = 'itm_demofirst001'").update();

            // the relay publishes what happened, demo data included, to the embedded broker
            try (var consumer = RelayEndToEndTest.consumerOn(broker.bootstrapServers(), "trellis.user", "trellis.item")) {
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                var demoUser = RelayEndToEndTest.awaitRecord(consumer, received, r -> r.topic().equals("trellis.user"));
                assertThat(RelayEndToEndTest.header(demoUser, "ce_type")).isEqualTo("dev.trellis.user.created");
                var renamed = RelayEndToEndTest.awaitRecord(consumer, received, r -> r.value().contains("Kept across restarts"));
                assertThat(renamed.key()).isEqualTo("itm_demofirst001");
                assertThat(RelayEndToEndTest.header(renamed, "ce_type")).isEqualTo("dev.trellis.item.updated");
            }
        }

        try (ConfigurableApplicationContext again = SpringApplication.run(TrellisApplication.class, args)) {
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select title from items where id = 'itm_demofirst001'").query(String.class).single())
                    .isEqualTo("Kept across restarts");
            assertThat(jdbc.sql("select count(*) from \"user\"").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from tags").query(Long.class).single()).isEqualTo(3);
            assertThat(jdbc.sql("select count(*) from items").query(Long.class).single()).isEqualTo(2);
        }
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
