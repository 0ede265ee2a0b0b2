package dev.trellis.event.consumer;

import dev.trellis.event.contract.CloudEventHeaders;
import dev.trellis.event.contract.EventTimestamps;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.Topics;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.EventPayload;
import dev.trellis.event.contract.payload.FileDeleted;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemDeleted;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagDeleted;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserDeleted;
import dev.trellis.event.contract.payload.UserState;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events as Trellis writes them: typed for the planner, and as Kafka records (CloudEvents headers, JSON value). */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final Instant CREATED = Instant.parse("2026-12-01T10:00:00.000001Z");

    private TestEvents() {
    }

    public static TrellisEvent event(EventType type, EventPayload payload) {
        return event(type, payload, Instant.now());
    }

    public static TrellisEvent event(EventType type, EventPayload payload, Instant time) {
        return new TrellisEvent("obx_" + UUID.randomUUID().toString().substring(0, 12), type, "/trellis", payload.id(), time, null,
                payload.schemaVersion(), null, payload);
    }

    public static UserState user(String id, long version) {
        return new UserState(1, id, "User " + id, id + "@example.com", true, null, CREATED, CREATED,
                new UserState.Profile(null, null, "UTC"), new UserState.Settings(UserState.Theme.SYSTEM, "en", true), version);
    }

    public static UserDeleted userDeleted(String id, long version) {
        return new UserDeleted(1, id, true, version);
    }

    public static ItemState item(String id, String owner, long version, List<String> tagIds, List<String> fileIds) {
        return new ItemState(1, id, owner, "Item " + id + " v" + version, null, null, ItemState.Status.DRAFT, null, tagIds, fileIds,
                CREATED, CREATED, version);
    }

    public static ItemState item(String id, String owner, long version) {
        return item(id, owner, version, List.of(), List.of());
    }

    public static ItemDeleted itemDeleted(String id, String owner, long version) {
        return new ItemDeleted(1, id, owner, true, version);
    }

    public static TagState tag(String id, String createdBy, long version) {
        return new TagState(1, id, "tag " + id, "#00ff00", createdBy, CREATED, version);
    }

    public static TagDeleted tagDeleted(String id, long version) {
        return new TagDeleted(1, id, "tag " + id, true, version);
    }

    public static FileState file(String id, String owner, String itemId, long version) {
        return new FileState(1, id, owner, itemId, id + ".png", "/files/" + id, 42, "image/png", CREATED, version);
    }

    public static FileDeleted fileDeleted(String id, String owner, long version) {
        return new FileDeleted(1, id, owner, true, version);
    }

    /** The record the relay writes for an event: key = aggregate id, CloudEvents binary-mode headers, JSON value. */
    public static ProducerRecord<String, byte[]> record(String prefix, EventType type, EventPayload payload) {
        return record(prefix, type, payload, Instant.now(), String.valueOf(payload.schemaVersion()));
    }

    public static ProducerRecord<String, byte[]> record(String prefix, EventType type, EventPayload payload, Instant time, String schemaVersionHeader) {
        return record(prefix, type, payload, time, schemaVersionHeader, "obx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public static ProducerRecord<String, byte[]> record(String prefix, EventType type, EventPayload payload, Instant time,
                                                 String schemaVersionHeader, String eventId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.topic(prefix, type.aggregate()), payload.id(),
                JSON.writeValueAsBytes(payload));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.SOURCE, "/trellis");
        header(record, CloudEventHeaders.TYPE, type.cloudEventType());
        header(record, CloudEventHeaders.TIME, EventTimestamps.format(time));
        header(record, CloudEventHeaders.SUBJECT, payload.id());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        header(record, CloudEventHeaders.SCHEMA_VERSION, schemaVersionHeader);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
