package dev.trellis.graph.neo4j;

import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.EventPayload;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserState;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * An event as the parameter row of its statement in {@link GraphStatements}. {@code properties} is
 * applied with {@code SET n += row.properties}: every property of the label is in it, and a null value
 * removes the property (Neo4j stores no nulls). Timestamps become {@code DATETIME} in UTC.
 */
final class GraphRows {

    private GraphRows() {
    }

    static Map<String, Object> upsert(TrellisEvent event) {
        EventPayload payload = event.payload();
        if (payload instanceof UserState user) {
            return user(user);
        } else if (payload instanceof ItemState item) {
            return item(item);
        } else if (payload instanceof TagState tag) {
            return tag(tag);
        } else if (payload instanceof FileState file) {
            return file(file);
        }
        throw new IllegalArgumentException(event.type().code() + " is no upsert");
    }

    static Map<String, Object> deletion(TrellisEvent event) {
        Map<String, Object> row = new HashMap<>();
        row.put("key", tombstoneKey(event.aggregate().code(), event.subject()));
        row.put("type", event.aggregate().code());
        row.put("id", event.subject());
        row.put("version", event.version());
        row.put("deletedAt", dateTime(event.time()));
        return row;
    }

    static String tombstoneKey(String type, String id) {
        return type + ":" + id;
    }

    private static Map<String, Object> user(UserState user) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", user.name());
        properties.put("email", user.email());
        properties.put("emailVerified", user.emailVerified());
        properties.put("image", user.image());
        properties.put("createdAt", dateTime(user.createdAt()));
        properties.put("updatedAt", dateTime(user.updatedAt()));
        UserState.Profile profile = user.profile();
        properties.put("bio", profile == null ? null : profile.bio());
        properties.put("website", profile == null ? null : profile.website());
        properties.put("timezone", profile == null ? null : profile.timezone());
        UserState.Settings settings = user.settings();
        properties.put("theme", settings == null || settings.theme() == null ? null : settings.theme().code());
        properties.put("language", settings == null ? null : settings.language());
        properties.put("notificationsEnabled", settings == null ? null : settings.notificationsEnabled());
        return row(user, properties);
    }

    private static Map<String, Object> item(ItemState item) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("title", item.title());
        properties.put("description", item.description());
        properties.put("content", item.content());
        properties.put("status", item.status() == null ? null : item.status().code());
        properties.put("imageUrl", item.imageUrl());
        properties.put("createdAt", dateTime(item.createdAt()));
        properties.put("updatedAt", dateTime(item.updatedAt()));
        Map<String, Object> row = row(item, properties);
        row.put("ownerId", item.ownerId());
        row.put("tagIds", item.tagIds());
        return row;
    }

    private static Map<String, Object> tag(TagState tag) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", tag.name());
        properties.put("color", tag.color());
        properties.put("createdAt", dateTime(tag.createdAt()));
        Map<String, Object> row = row(tag, properties);
        row.put("createdBy", tag.createdBy());
        return row;
    }

    private static Map<String, Object> file(FileState file) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("filename", file.filename());
        properties.put("url", file.url());
        properties.put("size", file.size());
        properties.put("mimeType", file.mimeType());
        properties.put("createdAt", dateTime(file.createdAt()));
        Map<String, Object> row = row(file, properties);
        row.put("ownerId", file.ownerId());
        row.put("itemId", file.itemId());
        return row;
    }

    private static Map<String, Object> row(EventPayload payload, Map<String, Object> properties) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", payload.id());
        row.put("version", payload.version());
        row.put("properties", properties);
        return row;
    }

    private static OffsetDateTime dateTime(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
