package dev.trellis.bootstrap.command;

import dev.trellis.adapter.messaging.watch.EventWatcher;
import dev.trellis.bootstrap.kafka.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar trellis-app.jar watch}: one line per record, on a real broker. */
@Timeout(120) // a guard against a watch that never prints, not a measure of speed
class WatchCommandTest {

    @Test
    void prints_each_record_written_after_it_started() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        EventWatcher watcher = WatchCommand.Settings.of(new String[]{"--KAFKA_BOOTSTRAP_SERVERS=" + TestKafka.bootstrapServers()})
                .watcher(lines::add);
        Thread watching = new Thread(watcher::run, "watch");
        watching.start();
        try {
            // a topic the watch has never seen: it notices it, and starts at the record written after it began
            produce("trellis.watched", "itm_1", "item.created", "evt_1", "{\"title\":\"First\"}");
            produce("other.ignored", "x", "item.created", "evt_2", "{}");
            produce("trellis.watched", "itm_1", "item.updated", "evt_3", "{\"title\":\"Second\"}");

            assertThat(lines.take()).isEqualTo("trellis.watched 0@0 key=itm_1 ce_type=item.created ce_id=evt_1 {\"title\":\"First\"}");
            assertThat(lines.take()).isEqualTo("trellis.watched 0@1 key=itm_1 ce_type=item.updated ce_id=evt_3 {\"title\":\"Second\"}");
        } finally {
            watcher.stop();
            watching.join();
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void from_the_beginning_prints_what_the_named_topics_already_hold() throws Exception {
        produce("trellis.earlier", "tag_1", "tag.created", "evt_9", "{\"name\":\"Work\"}");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        EventWatcher watcher = WatchCommand.Settings.of(new String[]{"--KAFKA_BOOTSTRAP_SERVERS=" + TestKafka.bootstrapServers(),
                "--from-beginning", "--topic=trellis.earlier"}).watcher(lines::add);
        Thread watching = new Thread(watcher::run, "watch");
        watching.start();
        try {
            assertThat(lines.take()).isEqualTo("trellis.earlier 0@0 key=tag_1 ce_type=tag.created ce_id=evt_9 {\"name\":\"Work\"}");
        } finally {
            watcher.stop();
            watching.join();
        }
    }

    @Test
    void reads_its_settings_from_the_arguments() {
        WatchCommand.Settings settings = WatchCommand.Settings.of(new String[]{"--KAFKA_BOOTSTRAP_SERVERS=broker:9093",
                "--topic=trellis.item,trellis.tag", "--topic=trellis.file", "--from-beginning"});

        assertThat(settings.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(settings.topicNames()).containsExactly("trellis.item", "trellis.tag", "trellis.file");
        assertThat(settings.fromBeginning()).isTrue();
        assertThat(settings.topics().matcher("trellis.tag").matches()).isTrue();
        assertThat(settings.topics().matcher("trellis.items").matches()).isFalse();
    }

    @Test
    void watches_every_topic_under_the_prefix_by_default() {
        WatchCommand.Settings settings = WatchCommand.Settings.of(new String[]{"--trellis.relay.topic-prefix=acme"});

        assertThat(settings.fromBeginning()).isFalse();
        assertThat(settings.topics().matcher("acme.item").matches()).isTrue();
        assertThat(settings.topics().matcher("acmeXitem").matches()).isFalse();
        assertThat(settings.topics().matcher("trellis.item").matches()).isFalse();
    }

    private static void produce(String topic, String key, String type, String id, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8)).add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
