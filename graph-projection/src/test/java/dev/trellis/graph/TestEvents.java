package dev.trellis.graph;

import dev.trellis.event.contract.EventType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Payloads of every shape, as Trellis writes them (all properties present; null where there is no value). */
public final class TestEvents {

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06.654321Z");

    private TestEvents() {
    }

    public static TestEvent user(EventType type, String id, long version, String name, String email) {
        Map<String, Object> profile = new HashMap<>();
        profile.put("bio", null);
        profile.put("website", null);
        profile.put("timezone", "UTC");
        Map<String, Object> settings = Map.of("theme", "system", "language", "en", "notificationsEnabled", true);
        Map<String, Object> payload = base(id, version);
        payload.put("name", name);
        payload.put("email", email);
        payload.put("emailVerified", true);
        payload.put("image", null);
        payload.put("createdAt", CREATED);
        payload.put("updatedAt", UPDATED);
        payload.put("profile", profile);
        payload.put("settings", settings);
        return TestEvent.of(type, payload);
    }

    public static TestEvent userDeleted(String id, long version) {
        Map<String, Object> payload = base(id, version);
        payload.put("deleted", true);
        return TestEvent.of(EventType.USER_DELETED, payload);
    }

    public static TestEvent item(EventType type, String id, long version, String ownerId, String title, List<String> tagIds) {
        Map<String, Object> payload = base(id, version);
        payload.put("ownerId", ownerId);
        payload.put("title", title);
        payload.put("description", "about " + title);
        payload.put("content", null);
        payload.put("status", "draft");
        payload.put("imageUrl", null);
        payload.put("tagIds", tagIds);
        payload.put("fileIds", List.of());
        payload.put("createdAt", CREATED);
        payload.put("updatedAt", UPDATED);
        return TestEvent.of(type, payload);
    }

    public static TestEvent itemDeleted(String id, long version, String ownerId) {
        Map<String, Object> payload = base(id, version);
        payload.put("ownerId", ownerId);
        payload.put("deleted", true);
        return TestEvent.of(EventType.ITEM_DELETED, payload);
    }

    public static TestEvent tag(EventType type, String id, long version, String name, String createdBy) {
        Map<String, Object> payload = base(id, version);
        payload.put("name", name);
        payload.put("color", "#ff0000");
        payload.put("createdBy", createdBy);
        payload.put("createdAt", CREATED);
        return TestEvent.of(type, payload);
    }

    public static TestEvent tagDeleted(String id, long version, String name) {
        Map<String, Object> payload = base(id, version);
        payload.put("name", name);
        payload.put("deleted", true);
        return TestEvent.of(EventType.TAG_DELETED, payload);
    }

    public static TestEvent file(EventType type, String id, long version, String ownerId, String itemId, String filename) {
        Map<String, Object> payload = base(id, version);
        payload.put("ownerId", ownerId);
        payload.put("itemId", itemId);
        payload.put("filename", filename);
        payload.put("url", "/api/files/" + id);
        payload.put("size", 1234);
        payload.put("mimeType", "text/plain");
        payload.put("createdAt", CREATED);
        return TestEvent.of(type, payload);
    }

    public static TestEvent fileDeleted(String id, long version, String ownerId) {
        Map<String, Object> payload = base(id, version);
        payload.put("ownerId", ownerId);
        payload.put("deleted", true);
        return TestEvent.of(EventType.FILE_DELETED, payload);
    }

    private static Map<String, Object> base(String id, long version) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("schemaVersion", 1);
        payload.put("id", id);
        payload.put("version", version);
        return payload;
    }
}
