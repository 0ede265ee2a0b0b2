package dev.trellis.event.consumer;

import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.event.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** One real KRaft broker per test JVM on a free port; topics of a fresh prefix per test. */
public final class TestBroker {

    public static final int PARTITIONS = 3;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedKafkaKraftBroker broker;

    private TestBroker() {
    }

    public static synchronized String brokers() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
        }
        return broker.getBrokersAsString();
    }

    /** A prefix of its own, its four topics and its snapshot-request topic created as the relay creates them. */
    public static String freshTopics() {
        String prefix = "t" + SEQUENCE.incrementAndGet() + "x" + ProcessHandle.current().pid();
        List<NewTopic> topics = new ArrayList<>();
        Topics.all(prefix).forEach(topic -> topics.add(new NewTopic(topic, PARTITIONS, (short) 1)));
        topics.add(new NewTopic(SnapshotRequester.topic(prefix), 1, (short) 1));
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating the topics of " + prefix + " failed", e);
        }
        return prefix;
    }

    public static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", brokers()));
    }

    public static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends in order and waits for every acknowledgement. */
    @SafeVarargs
    public static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]>... records) {
        try {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending failed", e);
        }
    }

    /** The group's committed offsets on the prefix's topics (partitions without a commit are absent). */
    public static Map<TopicPartition, Long> committed(String groupId) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The end offsets of the prefix's four topics' partitions that hold records. */
    public static Map<TopicPartition, Long> endOffsets(String prefix) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : Topics.all(prefix)) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic, read from its beginning until {@code expected} arrived or 30 s passed. */
    public static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", brokers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // a little longer: nothing more may arrive than expected
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
