package dev.trellis.graph;

import dev.trellis.event.contract.CloudEventHeaders;
import dev.trellis.event.contract.EventDecoder;
import dev.trellis.event.contract.EventTimestamps;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.Topics;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event as the relay publishes it: the value is the payload as PostgreSQL's {@code jsonb} prints it
 * (keys sorted, {@code "key": value}), the headers are the relay's CloudEvents headers, the key is the
 * aggregate id. {@link #event()} is what the contract's decoder makes of that record.
 */
public record TestEvent(String id, EventType type, String subject, Map<String, Object> payload, Instant time,
                        String schemaVersionHeader) {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final EventDecoder DECODER = new EventDecoder();

    static TestEvent of(EventType type, Map<String, Object> payload) {
        Instant time = Instant.parse("2026-12-07T10:00:00Z").plusMillis(SEQUENCE.incrementAndGet());
        return new TestEvent("obx_" + String.format("%012d", SEQUENCE.incrementAndGet()), type, (String) payload.get("id"),
                new TreeMap<>(payload), time, "1");
    }

    /** The same event with a payload property changed. */
    public TestEvent with(String property, Object value) {
        Map<String, Object> changed = new TreeMap<>(payload);
        changed.put(property, value);
        return new TestEvent(id, type, subject, changed, time, schemaVersionHeader);
    }

    /** The same record with another {@code ce_schemaversion} (a newer producer's). */
    public TestEvent withSchemaVersionHeader(String value) {
        return new TestEvent(id, type, subject, payload, time, value);
    }

    /** With {@code ce_time} now: the commit-to-graph latency is then meaningful. */
    public TestEvent now() {
        return new TestEvent(id, type, subject, payload, Instant.now(), schemaVersionHeader);
    }

    public long version() {
        return ((Number) payload.get("version")).longValue();
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.SOURCE, "/trellis");
        headers.put(CloudEventHeaders.TYPE, type.cloudEventType());
        headers.put(CloudEventHeaders.TIME, time.toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        headers.put(CloudEventHeaders.SCHEMA_VERSION, schemaVersionHeader);
        return headers;
    }

    public byte[] value() {
        return json(payload).getBytes(StandardCharsets.UTF_8);
    }

    public ProducerRecord<String, byte[]> record(String topicPrefix) {
        RecordHeaders headers = new RecordHeaders();
        headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topics.topic(topicPrefix, type.aggregate()), null, subject, value(), headers);
    }

    public TrellisEvent event() {
        return DECODER.decode("test", headers()::get, value());
    }

    public static List<TrellisEvent> events(Collection<TestEvent> events) {
        return events.stream().map(TestEvent::event).toList();
    }

    /** {@code jsonb}'s text form. */
    static String json(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String text) {
            return quote(text);
        } else if (value instanceof Instant instant) {
            return quote(EventTimestamps.format(instant));
        } else if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>(map).forEach((key, item) -> {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(quote((String) key)).append(": ").append(json(item));
            });
            return out.append('}').toString();
        } else if (value instanceof Collection<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : list) {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(json(item));
            }
            return out.append(']').toString();
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
