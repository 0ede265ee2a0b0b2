package dev.trellis.adapter.messaging.relay;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outbox events as Kafka records in CloudEvents' Kafka protocol binding, binary mode: the payload
 * is the record's value, the attributes are {@code ce_}-prefixed headers, and the key is the
 * aggregate id so that one aggregate's events stay in order on one partition.
 */
final class CloudEvents {

    static final String SPEC_VERSION = "1.0";
    static final String TYPE_PREFIX = "dev.trellis.";
    // every payload starts its object with schemaVersion (Events.SCHEMA_VERSION, V4's triggers)
    private static final Pattern SCHEMA_VERSION = Pattern.compile("\"schemaVersion\"\\s*:\\s*(\\d+)");

    private final RelaySettings settings;

    CloudEvents(RelaySettings settings) {
        this.settings = settings;
    }

    ProducerRecord<String, String> record(OutboxRecord event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", SPEC_VERSION);
        header(headers, "ce_id", event.id());
        header(headers, "ce_source", settings.source());
        header(headers, "ce_type", TYPE_PREFIX + event.eventType());
        header(headers, "ce_time", event.createdAt().toString());
        header(headers, "ce_subject", event.aggregateId());
        header(headers, "content-type", "application/json");
        header(headers, "ce_schemaversion", schemaVersion(event.payload()));
        if (event.traceParent() != null) {
            header(headers, "ce_traceparent", event.traceParent());
        }
        return new ProducerRecord<>(settings.topic(event.aggregateType()), null, event.aggregateId(), event.payload(), headers);
    }

    static String schemaVersion(String payload) {
        Matcher matcher = SCHEMA_VERSION.matcher(payload);
        return matcher.find() ? matcher.group(1) : "1";
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
