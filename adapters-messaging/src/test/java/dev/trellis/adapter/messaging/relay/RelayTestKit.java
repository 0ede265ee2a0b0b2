package dev.trellis.adapter.messaging.relay;

import dev.trellis.adapter.messaging.relay.postgres.DatabaseEndpoint;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A migrated database of its own, a real broker and relays on them, for one test. */
final class RelayTestKit implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedKafkaKraftBroker broker;

    final String name;
    final DataSource dataSource;
    final JdbcClient jdbc;
    final DatabaseEndpoint endpoint;
    final RelaySettings settings;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    RelayTestKit(Map<String, Object> producerOverrides) {
        name = "relay_" + SEQUENCE.incrementAndGet() + "_" + ProcessHandle.current().pid();
        dataSource = TestPostgres.freshDatabase(name);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        endpoint = new DatabaseEndpoint("jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + name, "postgres", "");
        RelaySettings defaults = RelaySettings.defaults();
        settings = new RelaySettings("slot_" + name, "pub_" + name, "t" + name, "/trellis-test", 2,
                Duration.ofMillis(10), 512, Duration.ofSeconds(1), Duration.ofMillis(500), defaults.retention(),
                defaults.maxSlotLagBytes());
        this.producerOverrides = producerOverrides;
    }

    private final Map<String, Object> producerOverrides;

    static synchronized String brokers() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
        }
        return broker.getBrokersAsString();
    }

    KafkaTemplate<String, String> kafkaTemplate(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putAll(overrides);
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(config);
        closeables.add(factory::destroy);
        return new KafkaTemplate<>(factory);
    }

    OutboxRelay relay() {
        return relay(producerOverrides);
    }

    OutboxRelay relay(Map<String, Object> producerSettings) {
        OutboxRelay relay = new OutboxRelay(settings, endpoint, dataSource, kafkaTemplate(producerSettings),
                () -> Admin.create(Map.of("bootstrap.servers", brokers())),
                (lag, leader) -> new RelayMetrics(meters, lag, leader), Clock.systemUTC());
        relays.add(relay);
        return relay;
    }

    /** Appends an event as the outbox adapter and the V4 triggers do; returns its id. */
    String append(String aggregateType, String aggregateId, String eventType, String payloadFields, String traceParent) {
        String id = "obx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("""
                        insert into outbox (id, aggregate_type, aggregate_id, event_type, payload, trace_parent)
                        values (?, ?, ?, ?, cast(? as jsonb) || jsonb_build_object('version', trellis_next_version(?, ?)), ?)""")
                .params(id, aggregateType, aggregateId, eventType,
                        "{\"schemaVersion\": 1, \"id\": \"" + aggregateId + "\"" + (payloadFields.isEmpty() ? "" : ", " + payloadFields) + "}",
                        aggregateType, aggregateId, traceParent)
                .update();
        return id;
    }

    KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", brokers(),
                "enable.auto.commit", "false",
                "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
        // assigned, not subscribed: no group coordination, every partition from its beginning
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (String type : OutboxRelay.AGGREGATE_TYPES) {
            for (int p = 0; p < settings.topicPartitions(); p++) {
                partitions.add(new org.apache.kafka.common.TopicPartition(settings.topic(type), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        closeables.add(consumer::close);
        return consumer;
    }

    /** Polls until {@code done} holds or 60 s passed; returns everything received. */
    static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> into,
                                                          BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(into::add);
        }
        return into;
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        relays.forEach(OutboxRelay::close);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        jdbc.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ? and not active")
                .param(settings.slotName()).query(Object.class).list();
        if (dataSource instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
