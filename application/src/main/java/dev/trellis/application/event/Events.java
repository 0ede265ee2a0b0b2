package dev.trellis.application.event;

import dev.trellis.application.port.out.OutboxEvent;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.OutboxEventId;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.UserDetails;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events use cases write to the outbox, one per aggregate a use case changes, each carrying
 * the aggregate's full state after the change (ids of owner, tags and files included) so that a
 * projection can apply it without calling back. The outbox stamps the per-aggregate {@code version}.
 * A snapshot ({@code type} "snapshot") carries the same state as the created and updated events.
 * The catalogue is adapters-messaging/EVENTS.md.
 */
public final class Events {

    public static final int SCHEMA_VERSION = 1;

    private Events() {
    }

    public static OutboxEvent item(String type, Item item, List<StoredFile> files, Instant at, String traceParent) {
        Map<String, Object> state = base(item.id().value());
        state.put("ownerId", item.owner().value());
        state.put("title", item.title().value());
        state.put("description", item.description());
        state.put("content", item.content());
        state.put("status", item.status().code());
        state.put("imageUrl", item.imageUrl() == null ? null : item.imageUrl().value());
        state.put("tagIds", item.tags().stream().map(tag -> tag.value()).sorted().toList());
        state.put("fileIds", files.stream().map(file -> file.id().value()).sorted().toList());
        state.put("createdAt", item.createdAt().toString());
        state.put("updatedAt", item.updatedAt().toString());
        return event("item", item.id().value(), "item." + type, state, at, traceParent);
    }

    public static OutboxEvent itemDeleted(Item item, Instant at, String traceParent) {
        Map<String, Object> state = base(item.id().value());
        state.put("ownerId", item.owner().value());
        state.put("deleted", true);
        return event("item", item.id().value(), "item.deleted", state, at, traceParent);
    }

    public static OutboxEvent tag(String type, Tag tag, Instant at, String traceParent) {
        Map<String, Object> state = base(tag.id().value());
        state.put("name", tag.name().value());
        state.put("color", tag.color().value());
        state.put("createdBy", tag.createdBy() == null ? null : tag.createdBy().value());
        state.put("createdAt", tag.createdAt().toString());
        if (type.equals("deleted")) {
            state.put("deleted", true);
        }
        return event("tag", tag.id().value(), "tag." + type, state, at, traceParent);
    }

    public static OutboxEvent file(String type, StoredFile file, Instant at, String traceParent) {
        Map<String, Object> state = base(file.id().value());
        state.put("ownerId", file.owner().value());
        state.put("itemId", file.item() == null ? null : file.item().value());
        state.put("filename", file.filename());
        state.put("url", file.url());
        state.put("size", file.size());
        state.put("mimeType", file.mimeType().value());
        state.put("createdAt", file.createdAt().toString());
        if (type.equals("deleted")) {
            state.put("deleted", true);
        }
        return event("file", file.id().value(), "file." + type, state, at, traceParent);
    }

    public static OutboxEvent user(String type, UserDetails details, Instant at, String traceParent) {
        var user = details.user();
        Map<String, Object> state = base(user.id().value());
        state.put("name", user.name());
        state.put("email", user.email().value());
        state.put("emailVerified", user.emailVerified());
        state.put("image", user.image());
        state.put("createdAt", user.createdAt().toString());
        state.put("updatedAt", user.updatedAt().toString());
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
        return event("user", user.id().value(), "user." + type, state, at, traceParent);
    }

    private static Map<String, Object> base(String id) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("schemaVersion", SCHEMA_VERSION);
        state.put("id", id);
        return state;
    }

    private static OutboxEvent event(String aggregateType, String aggregateId, String type, Map<String, Object> state,
                                     Instant at, String traceParent) {
        return new OutboxEvent(OutboxEventId.generate(), aggregateType, aggregateId, type, state, at, traceParent);
    }
}
