package dev.trellis.event.contract;

import dev.trellis.event.contract.EventDecodingException.Reason;
import dev.trellis.event.contract.payload.ItemState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventDecoderTest {

    static final String ITEM = """
            {"id": "itm_V1StGXR8_Z5j", "title": "First Item", "status": "published", "tagIds": ["tag_demoimpt"],
             "content": null, "fileIds": [], "ownerId": "usr_demo00000001", "version": 4, "imageUrl": null,
             "createdAt": "2025-01-01T00:00:01.000000Z", "updatedAt": "2026-11-30T06:38:37.123456Z",
             "description": "d", "schemaVersion": 1}""";

    private final EventDecoder decoder = new EventDecoder();

    private static Map<String, String> headers(String type, String schemaVersion) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, "obx_aaaaaaaaaaaa");
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SUBJECT, "itm_V1StGXR8_Z5j");
        headers.put(CloudEventHeaders.SCHEMA_VERSION, schemaVersion);
        headers.put(CloudEventHeaders.TIME, "2026-11-30T06:38:37.123456Z");
        headers.put(CloudEventHeaders.DATA_SCHEMA, "http://localhost:8080/events/schemas/item.created/v1.json");
        return headers;
    }

    @Test
    void decodes_headers_and_a_typed_payload() {
        TrellisEvent event = decoder.decode("t-0@1", headers("dev.trellis.item.created", "1")::get, bytes(ITEM));

        assertThat(event.type()).isEqualTo(EventType.ITEM_CREATED);
        assertThat(event.version()).isEqualTo(4);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-30T06:38:37.123456Z"));
        ItemState item = (ItemState) event.payload();
        assertThat(item.status()).isEqualTo(ItemState.Status.PUBLISHED);
        assertThat(item.tagIds()).containsExactly("tag_demoimpt");
        assertThat(item.content()).isNull();
    }

    @Test
    void refuses_an_unknown_schema_version_naming_the_remedy() {
        assertThatThrownBy(() -> decoder.decode("t-0@1", headers("dev.trellis.item.created", "2")::get, bytes(ITEM)))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA_VERSION))
                .hasMessageContaining("t-0@1").hasMessageContaining("upgrade trellis-event-contract");
    }

    @Test
    void refuses_an_unknown_type_a_missing_header_and_a_property_the_schema_lacks() {
        assertThatThrownBy(() -> decoder.decode("r", headers("dev.trellis.item.moved", "1")::get, bytes(ITEM)))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE));
        Map<String, String> noId = headers("dev.trellis.item.created", "1");
        noId.remove(CloudEventHeaders.ID);
        assertThatThrownBy(() -> decoder.decode("r", noId::get, bytes(ITEM)))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER));
        assertThatThrownBy(() -> decoder.decode("r", headers("dev.trellis.item.created", "1")::get,
                bytes(ITEM.replace("\"version\": 4", "\"version\": 4, \"color\": \"red\""))))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD))
                .hasMessageContaining("color");
        assertThatThrownBy(() -> decoder.decode("r", headers("dev.trellis.item.created", "1")::get,
                bytes(ITEM.replace("\"imageUrl\": null,", ""))))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD));
    }

    @Test
    void refuses_null_where_the_schema_does_and_accepts_it_where_it_allows_null() {
        assertThatThrownBy(() -> decoder.decode("r", headers("dev.trellis.item.created", "1")::get,
                bytes(ITEM.replace("\"title\": \"First Item\"", "\"title\": null"))))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD))
                .hasMessageContaining("'title'");
        TrellisEvent event = decoder.decode("r", headers("dev.trellis.item.created", "1")::get,
                bytes(ITEM.replace("\"description\": \"d\"", "\"description\": null")));
        assertThat(((ItemState) event.payload()).description()).isNull();
    }

    @Test
    void timestamps_always_carry_six_fractional_digits() {
        assertThat(EventTimestamps.format(Instant.parse("2025-01-01T00:00:01Z"))).isEqualTo("2025-01-01T00:00:01.000000Z");
        assertThat(EventTimestamps.format(Instant.parse("2025-01-01T00:00:01.123456789Z"))).isEqualTo("2025-01-01T00:00:01.123456Z");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
