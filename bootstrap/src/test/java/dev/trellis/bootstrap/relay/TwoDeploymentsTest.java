package dev.trellis.bootstrap.relay;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.bootstrap.Http;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two deployments with databases of their own on one PostgreSQL server, both with the relay's default slot and
 * publication names: each derives its slot from its database, so both stream. Then a slot of one database left
 * behind (inactive, holding WAL) shows in that deployment's health and metrics with the WAL it holds, and not in
 * the other's, until it is dropped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoDeploymentsTest {

    static final String ONE = "deploy_one";
    static final String TWO = "deploy_two";
    static final String ABANDONED = "trellis_left_behind_outbox";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext one;
    static ConfigurableApplicationContext two;

    @BeforeAll
    static void twoDeploymentsOnOneServer() {
        TestPostgres.freshDatabase(ONE);
        TestPostgres.freshDatabase(TWO);
        one = start(ONE);
        two = start(TWO);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{one, two}) {
            if (context != null) {
                context.close();
            }
        }
        JdbcClient server = JdbcClient.create(TestPostgres.server().getPostgresDatabase());
        server.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where database in (?, ?) and not active")
                .params(ONE, TWO).query(Object.class).list();
    }

    static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(TrellisApplication.class).run(
                "--spring.datasource.url=" + TestPostgres.server().getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--server.port=0",
                "--BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
                "--BETTER_AUTH_URL=http://localhost:3000",
                "--trellis.relay.enabled=true",
                "--trellis.relay.topic-prefix=" + database, // one broker here; the slot names are left to their defaults
                "--trellis.snapshot-requests.enabled=false",
                "--management.endpoints.web.exposure.include=health,metrics");
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    @Test
    @Order(1)
    void both_stream_each_on_a_slot_named_after_its_database() throws Exception {
        for (var deployment : List.of(one, two)) {
            String database = jdbc(deployment).sql("select current_database()").query(String.class).single();
            String userId = database.equals(ONE) ? "usr_deployone001" : "usr_deploytwo001";
            jdbc(deployment).sql("""
                    insert into "user" (id, name, email, email_verified, created_at, updated_at)
                    values (?, 'Someone', ?, true, now(), now())""").params(userId, database + "@example.com").update();
            try (KafkaConsumer<String, String> consumer = RelayEndToEndTest.consumer(database + ".user")) {
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                ConsumerRecord<String, String> record = RelayEndToEndTest.awaitRecord(consumer, received, r -> r.key().equals(userId));
                assertThat(RelayEndToEndTest.header(record, "ce_type")).isEqualTo("dev.trellis.user.created");
            }
            JsonNode relay = relayHealth(deployment);
            assertThat(relay.get("role").asString()).isEqualTo("leader");
            assertThat(relay.get("streaming").asBoolean()).isTrue();
            assertThat(relay.get("slot").asString()).isEqualTo("trellis_" + database + "_outbox");
            assertThat(relay.has("abandonedSlots")).isFalse();
        }
        assertThat(jdbc(one).sql("select slot_name || ' ' || database || ' ' || active from pg_replication_slots where database in (?, ?) order by 1")
                .params(ONE, TWO).query(String.class).list())
                .containsExactly("trellis_deploy_one_outbox deploy_one true", "trellis_deploy_two_outbox deploy_two true");
        assertThat(jdbc(one).sql("select pubname from pg_publication").query(String.class).list()).containsExactly("trellis_deploy_one_outbox");
    }

    @Test
    @Order(2)
    void a_slot_left_behind_shows_in_health_and_metrics_with_the_wal_it_holds_until_dropped() throws Exception {
        JdbcClient db = jdbc(one);
        db.sql("select pg_create_logical_replication_slot(?, 'pgoutput')").param(ABANDONED).query(Object.class).list();
        db.sql("create table wal_filler as select g, repeat('x', 200) as filler from generate_series(1, 20000) g").update();
        db.sql("drop table wal_filler").update();

        JsonNode relay = relayHealth(one);
        long retained = relay.get("abandonedSlots").get(ABANDONED).asLong();
        assertThat(retained).as("20,000 rows of 200 bytes were written since the slot was made").isGreaterThan(2_000_000);
        assertThat(relay.get("abandonedSlotsHint").asString()).contains("pg_drop_replication_slot");
        assertThat(metric(one, "trellis.relay.slots.abandoned")).isEqualTo(1);
        assertThat(metric(one, "trellis.relay.slots.abandoned.retained")).isGreaterThanOrEqualTo(retained);
        assertThat(relayHealth(two).has("abandonedSlots")).as("a slot of another database is not this deployment's").isFalse();
        assertThat(metric(two, "trellis.relay.slots.abandoned")).isZero();

        db.sql("select pg_drop_replication_slot(?)").param(ABANDONED).query(Object.class).list();

        assertThat(relayHealth(one).has("abandonedSlots")).isFalse();
        assertThat(metric(one, "trellis.relay.slots.abandoned.retained")).isZero();
    }

    static JsonNode relayHealth(ConfigurableApplicationContext deployment) throws Exception {
        var health = Http.get(port(deployment), "/actuator/health");
        return JSON.readTree(health.body()).get("components").get("relay").get("details");
    }

    static double metric(ConfigurableApplicationContext deployment, String name) throws Exception {
        var response = Http.get(port(deployment), "/actuator/metrics/" + name);
        assertThat(response.statusCode()).as(name).isEqualTo(200);
        return JSON.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
    }
}
