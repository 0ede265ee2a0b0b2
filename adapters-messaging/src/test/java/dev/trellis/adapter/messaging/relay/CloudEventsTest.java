package dev.trellis.adapter.messaging.relay;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventsTest {

    private static final RelaySettings SETTINGS = new RelaySettings("s", "p", "trellis", "/trellis", 3,
            RelaySettings.defaults().pollInterval(), 16, RelaySettings.defaults().heartbeatInterval(),
            RelaySettings.defaults().lockRetryInterval(), RelaySettings.defaults().retention(), 1L,
            URI.create("https://trellis.example.com/"));

    private final CloudEvents cloudEvents = new CloudEvents(SETTINGS);

    @Test
    void names_the_payloads_schema_and_writes_the_time_with_six_fractional_digits() {
        ProducerRecord<String, String> record = cloudEvents.record(event("item.created",
                "{\"id\": \"itm_aaaaaaaaaaaa\", \"title\": \"x\", \"version\": 1, \"schemaVersion\": 1}",
                Instant.parse("2026-11-30T09:12:44Z")));

        assertThat(record.topic()).isEqualTo("trellis.item");
        assertThat(record.key()).isEqualTo("itm_aaaaaaaaaaaa");
        assertThat(header(record, "ce_dataschema")).isEqualTo("https://trellis.example.com/events/schemas/item.created/v1.json");
        assertThat(header(record, "ce_schemaversion")).isEqualTo("1");
        assertThat(header(record, "ce_time")).isEqualTo("2026-11-30T09:12:44.000000Z");
        assertThat(header(record, "ce_type")).isEqualTo("dev.trellis.item.created");
        assertThat(header(record, "ce_traceparent")).isNull();
    }

    @Test
    void reads_schema_version_at_the_top_level_only_whatever_the_key_order() {
        String nested = "{\"id\": \"usr_aaaaaaaaaaaa\", \"profile\": {\"schemaVersion\": 7, \"bio\": \"\\\"schemaVersion\\\": 9\"}, "
                + "\"schemaVersion\": 1, \"version\": 2}";

        ProducerRecord<String, String> record = cloudEvents.record(event("user.updated", nested, Instant.now()));

        assertThat(header(record, "ce_schemaversion")).isEqualTo("1");
        assertThat(header(record, "ce_dataschema")).endsWith("/events/schemas/user.updated/v1.json");
    }

    @Test
    void an_event_type_or_payload_version_the_contract_does_not_know_is_still_published_without_a_schema() {
        ProducerRecord<String, String> unknownType = cloudEvents.record(event("item.moved",
                "{\"id\": \"itm_aaaaaaaaaaaa\", \"schemaVersion\": 1, \"version\": 3}", Instant.now()));
        ProducerRecord<String, String> unknownVersion = cloudEvents.record(event("item.created",
                "{\"id\": \"itm_aaaaaaaaaaaa\", \"schemaVersion\": 2, \"version\": 3}", Instant.now()));
        ProducerRecord<String, String> noVersion = cloudEvents.record(event("item.created",
                "{\"id\": \"itm_aaaaaaaaaaaa\", \"version\": 3}", Instant.now()));

        assertThat(header(unknownType, "ce_type")).isEqualTo("dev.trellis.item.moved");
        assertThat(header(unknownType, "ce_dataschema")).isNull();
        assertThat(header(unknownType, "ce_schemaversion")).isEqualTo("1");
        assertThat(header(unknownVersion, "ce_dataschema")).isNull();
        assertThat(header(unknownVersion, "ce_schemaversion")).isEqualTo("2");
        assertThat(header(noVersion, "ce_dataschema")).isNull();
        assertThat(header(noVersion, "ce_schemaversion")).isNull();
        assertThat(noVersion.value()).isEqualTo("{\"id\": \"itm_aaaaaaaaaaaa\", \"version\": 3}");
    }

    private static OutboxRecord event(String type, String payload, Instant at) {
        return new OutboxRecord("obx_aaaaaaaaaaaa", 1, type.substring(0, type.indexOf('.')), payloadId(payload), type, payload,
                null, at, null);
    }

    private static String payloadId(String payload) {
        int start = payload.indexOf("\"id\": \"") + 7;
        return payload.substring(start, payload.indexOf('"', start));
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
