package dev.trellis.event.contract;

import dev.trellis.event.contract.payload.EventPayload;
import dev.trellis.event.contract.payload.FileDeleted;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemDeleted;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagDeleted;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserDeleted;
import dev.trellis.event.contract.payload.UserState;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every event type Trellis emits, with its aggregate, the payload record it decodes to and the payload
 * versions this contract has a schema for. A {@code *.deleted} event removes its aggregate; every other
 * type carries the aggregate's full state after the change (an upsert for a consumer).
 */
public enum EventType {
    USER_CREATED("user.created", UserState.class),
    USER_UPDATED("user.updated", UserState.class),
    USER_DELETED("user.deleted", UserDeleted.class),
    USER_SNAPSHOT("user.snapshot", UserState.class),
    ITEM_CREATED("item.created", ItemState.class),
    ITEM_UPDATED("item.updated", ItemState.class),
    ITEM_STATUS_CHANGED("item.status_changed", ItemState.class),
    ITEM_TAGS_CHANGED("item.tags_changed", ItemState.class),
    ITEM_DELETED("item.deleted", ItemDeleted.class),
    ITEM_SNAPSHOT("item.snapshot", ItemState.class),
    TAG_CREATED("tag.created", TagState.class),
    TAG_UPDATED("tag.updated", TagState.class),
    TAG_DELETED("tag.deleted", TagDeleted.class),
    TAG_SNAPSHOT("tag.snapshot", TagState.class),
    FILE_CREATED("file.created", FileState.class),
    FILE_UPDATED("file.updated", FileState.class),
    FILE_DELETED("file.deleted", FileDeleted.class),
    FILE_SNAPSHOT("file.snapshot", FileState.class);

    /** The CloudEvents {@code type} is this prefix followed by the event type: {@code dev.trellis.item.created}. */
    public static final String CLOUD_EVENT_TYPE_PREFIX = "dev.trellis.";

    private final String code;
    private final AggregateType aggregate;
    private final Class<? extends EventPayload> payloadType;

    EventType(String code, Class<? extends EventPayload> payloadType) {
        this.code = code;
        this.aggregate = AggregateType.fromCode(code.substring(0, code.indexOf('.'))).orElseThrow();
        this.payloadType = payloadType;
    }

    /** {@code item.created}: the outbox's {@code event_type}, the schema's name. */
    public String code() {
        return code;
    }

    public String cloudEventType() {
        return CLOUD_EVENT_TYPE_PREFIX + code;
    }

    public AggregateType aggregate() {
        return aggregate;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public boolean isDeletion() {
        return code.endsWith(".deleted");
    }

    public boolean isSnapshot() {
        return code.endsWith(".snapshot");
    }

    /** The payload versions this contract knows, oldest first; the last is the one Trellis writes. */
    public List<Integer> schemaVersions() {
        return List.of(1);
    }

    public int currentSchemaVersion() {
        List<Integer> versions = schemaVersions();
        return versions.get(versions.size() - 1);
    }

    public static Optional<EventType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    public static Optional<EventType> fromCloudEventType(String cloudEventType) {
        if (cloudEventType == null || !cloudEventType.startsWith(CLOUD_EVENT_TYPE_PREFIX)) {
            return Optional.empty();
        }
        return fromCode(cloudEventType.substring(CLOUD_EVENT_TYPE_PREFIX.length()));
    }
}
