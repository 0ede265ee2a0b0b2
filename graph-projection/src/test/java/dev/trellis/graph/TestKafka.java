package dev.trellis.graph;

import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * One real KRaft broker per test JVM on a free port, topics made as the relay makes them (3 partitions),
 * records produced as the relay produces them ({@code acks=all}, idempotent), and the group's offsets.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (producer != null) {
                    producer.close();
                }
                admin.close();
                broker.destroy();
            }, "test-kafka-shutdown"));
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        }
        return broker.getBrokersAsString();
    }

    /** The four topics of a prefix, 3 partitions each, as the relay creates them, and a producer for them. */
    public static synchronized void createTopics(String prefix) {
        bootstrapServers();
        if (producer != null) {
            producer.close();
        }
        // one request in flight: a partition just made can answer NOT_LEADER once, and a retry must not overtake
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        List<NewTopic> topics = Topics.all(prefix).stream().map(name -> new NewTopic(name, 3, (short) 1)).toList();
        await(admin.createTopics(topics).all());
        // a topic just made may not have its leaders yet: producing then fails over into retries
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!await(admin.describeTopics(Topics.all(prefix)).allTopicNames()).values().stream()
                .allMatch(topic -> topic.partitions().size() == 3 && topic.partitions().stream().allMatch(p -> p.leader() != null))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics of " + prefix + " got no leaders");
            }
            sleep(50);
        }
        for (String topic : Topics.all(prefix)) {
            while (producer.partitionsFor(topic).stream().anyMatch(partition -> partition.leader() == null)) {
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the events in order, each to its aggregate's topic keyed by its id, and waits for the acknowledgements. */
    public static synchronized void produce(String prefix, Collection<TestEvent> events) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (TestEvent event : events) {
            sent.add(producer.send(event.record(prefix)));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> future : sent) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("not produced", e.getCause());
            }
        }
    }

    /** {@code <prefix>.snapshot-requests}, one partition, as Trellis creates it beside its topics. */
    public static void createSnapshotRequestTopic(String prefix) {
        bootstrapServers();
        await(admin.createTopics(List.of(new NewTopic(SnapshotRequester.topic(prefix), 1, (short) 1))).all());
    }

    /** The snapshot requests written so far, from the topic's beginning: key and JSON value. */
    public static List<ConsumerRecord<String, String>> snapshotRequests(String prefix) {
        TopicPartition partition = new TopicPartition(SnapshotRequester.topic(prefix), 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static Map<TopicPartition, Long> endOffsets(String prefix) {
        bootstrapServers();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : Topics.all(prefix)) {
            for (int partition = 0; partition < 3; partition++) {
                request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        return await(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** The group's committed offsets of the partitions that have one. */
    public static Map<TopicPartition, Long> committedOffsets(String groupId) {
        bootstrapServers();
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        return committed.entrySet().stream().filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** Sets an inactive group's offsets, as a group that starts now would find them. */
    public static void commitOffsets(String groupId, Map<TopicPartition, Long> offsets) {
        bootstrapServers();
        await(admin.alterConsumerGroupOffsets(groupId, offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue())))).all());
    }

    /** The end offsets without the empty partitions, which a group never commits. */
    public static Map<TopicPartition, Long> nonEmpty(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
