package dev.trellis.event.consumer;

import dev.trellis.event.consumer.jdbc.JdbcBatchHandler;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.payload.EventPayload;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** For one test: a prefix with its topics, a fresh database with the kit's table and a projection, consumers on them. */
public final class ConsumerTestKit implements AutoCloseable {

    public final String prefix = TestBroker.freshTopics();
    public final DataSource dataSource = TestPostgres.freshDatabase();
    public final TestProjection projection = new TestProjection(dataSource);
    public final KafkaProducer<String, byte[]> producer = TestBroker.producer();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public ConsumerTestKit() {
        closeables.add(producer);
    }

    public JdbcBatchHandler handler() {
        return new JdbcBatchHandler(dataSource, projection);
    }

    public TrellisEventConsumer.Builder consumer(String groupId) {
        return TrellisEventConsumer.builder()
                .bootstrapServers(TestBroker.brokers())
                .groupId(groupId)
                .topicPrefix(prefix)
                .pollTimeout(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .handler(handler())
                .clock(Clock.systemUTC());
    }

    /** Builds, starts, and closes it with the kit. */
    public TrellisEventConsumer start(String groupId, UnaryOperator<TrellisEventConsumer.Builder> settings) {
        TrellisEventConsumer consumer = settings.apply(consumer(groupId)).build().start();
        closeables.add(consumer);
        return consumer;
    }

    public TrellisEventConsumer start(String groupId) {
        return start(groupId, builder -> builder);
    }

    public ProducerRecord<String, byte[]> record(EventType type, EventPayload payload) {
        return TestEvents.record(prefix, type, payload);
    }

    @SafeVarargs
    public final void send(ProducerRecord<String, byte[]>... records) {
        TestBroker.send(producer, records);
    }

    public void send(EventType type, EventPayload payload) {
        send(record(type, payload));
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }
}
