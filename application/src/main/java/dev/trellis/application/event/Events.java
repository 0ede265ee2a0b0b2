package dev.trellis.application.event;

import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.OutboxEventId;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.EventTimestamps;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events use cases write to the outbox, one per aggregate a use case changes, in the shape of the
 * event type's JSON Schema (module event-contract, the source of truth): the state types carry the
 * aggregate's full state after the change (ids of owner, tags and files included) so that a projection
 * can apply it without calling back; a {@code *.deleted} carries exactly what its schema names. Every
 * property is always present (no value is {@code null}); timestamps are {@link EventTimestamps}' format.
 * The outbox stamps the per-aggregate {@code version}. A snapshot carries the same state as the created
 * and updated events.
 */
public final class Events {

    private Events() {
    }

    /** {@code item.created}, {@code item.updated}, {@code item.status_changed}, {@code item.tags_changed}, {@code item.snapshot}. */
    public static OutboxEvent item(EventType type, Item item, List<StoredFile> files, Instant at, String traceParent) {
        Map<String, Object> state = base(require(type, ItemState.class), item.id().value());
        state.put("ownerId", item.owner().value());
        state.put("title", item.title().value());
        state.put("description", item.description());
        state.put("content", item.content());
        state.put("status", item.status().code());
        state.put("imageUrl", item.imageUrl() == null ? null : item.imageUrl().value());
        state.put("tagIds", item.tags().stream().map(tag -> tag.value()).sorted().toList());
        state.put("fileIds", files.stream().map(file -> file.id().value()).sorted().toList());
        state.put("createdAt", EventTimestamps.format(item.createdAt()));
        state.put("updatedAt", EventTimestamps.format(item.updatedAt()));
        return event(type, item.id().value(), state, at, traceParent);
    }

    /** {@code item.deleted}: {@code {schemaVersion, id, ownerId, deleted, version}}. */
    public static OutboxEvent itemDeleted(Item item, Instant at, String traceParent) {
        Map<String, Object> state = base(EventType.ITEM_DELETED, item.id().value());
        state.put("ownerId", item.owner().value());
        state.put("deleted", true);
        return event(EventType.ITEM_DELETED, item.id().value(), state, at, traceParent);
    }

    /** {@code tag.created}, {@code tag.updated}, {@code tag.snapshot}. */
    public static OutboxEvent tag(EventType type, Tag tag, Instant at, String traceParent) {
        Map<String, Object> state = base(require(type, TagState.class), tag.id().value());
        state.put("name", tag.name().value());
        state.put("color", tag.color().value());
        state.put("createdBy", tag.createdBy() == null ? null : tag.createdBy().value());
        state.put("createdAt", EventTimestamps.format(tag.createdAt()));
        return event(type, tag.id().value(), state, at, traceParent);
    }

    /** {@code tag.deleted}: {@code {schemaVersion, id, name, deleted, version}}. */
    public static OutboxEvent tagDeleted(Tag tag, Instant at, String traceParent) {
        Map<String, Object> state = base(EventType.TAG_DELETED, tag.id().value());
        state.put("name", tag.name().value());
        state.put("deleted", true);
        return event(EventType.TAG_DELETED, tag.id().value(), state, at, traceParent);
    }

    /** {@code file.created}, {@code file.updated}, {@code file.snapshot}. */
    public static OutboxEvent file(EventType type, StoredFile file, Instant at, String traceParent) {
        Map<String, Object> state = base(require(type, FileState.class), file.id().value());
        state.put("ownerId", file.owner().value());
        state.put("itemId", file.item() == null ? null : file.item().value());
        state.put("filename", file.filename());
        state.put("url", file.url());
        state.put("size", file.size());
        state.put("mimeType", file.mimeType().value());
        state.put("createdAt", EventTimestamps.format(file.createdAt()));
        return event(type, file.id().value(), state, at, traceParent);
    }

    /** {@code file.deleted}: {@code {schemaVersion, id, ownerId, deleted, version}}. */
    public static OutboxEvent fileDeleted(StoredFile file, Instant at, String traceParent) {
        Map<String, Object> state = base(EventType.FILE_DELETED, file.id().value());
        state.put("ownerId", file.owner().value());
        state.put("deleted", true);
        return event(EventType.FILE_DELETED, file.id().value(), state, at, traceParent);
    }

    /** {@code user.created}, {@code user.updated}, {@code user.snapshot}. */
    public static OutboxEvent user(EventType type, UserDetails details, Instant at, String traceParent) {
        var user = details.user();
        Map<String, Object> state = base(require(type, UserState.class), user.id().value());
        state.put("name", user.name());
        state.put("email", user.email().value());
        state.put("emailVerified", user.emailVerified());
        state.put("image", user.image());
        state.put("createdAt", EventTimestamps.format(user.createdAt()));
        state.put("updatedAt", EventTimestamps.format(user.updatedAt()));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("bio", details.profile().bio());
        profile.put("website", details.profile().website() == null ? null : details.profile().website().value());
        profile.put("timezone", details.profile().timezone().value());
        state.put("profile", profile);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("theme", details.settings().theme().code());
        settings.put("language", details.settings().language().value());
        settings.put("notificationsEnabled", details.settings().notificationsEnabled());
        state.put("settings", settings);
        return event(type, user.id().value(), state, at, traceParent);
    }

    private static EventType require(EventType type, Class<?> payload) {
        if (type.payloadType() != payload) {
            throw new IllegalArgumentException(type.code() + " does not carry a " + payload.getSimpleName());
        }
        return type;
    }

    private static Map<String, Object> base(EventType type, String id) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("schemaVersion", type.currentSchemaVersion());
        state.put("id", id);
        return state;
    }

    private static OutboxEvent event(EventType type, String aggregateId, Map<String, Object> state, Instant at,
                                     String traceParent) {
        AggregateType aggregate = type.aggregate();
        return new OutboxEvent(OutboxEventId.generate(), aggregate.code(), aggregateId, type.code(), state, at, traceParent);
    }
}
