package dev.trellis.event.consumer.gap;

import dev.trellis.event.contract.EventTimestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A consumer's request for a snapshot, as written to {@code <prefix>.snapshot-requests}: key
 * {@link #key()} (the user id, or {@code *} for everything), value JSON
 * {@code {"userId": "usr_…" or null, "aggregate": "item:itm_…", "reason": "…", "requestedAt": "2026-12-07T09:12:44.123456Z"}}.
 * Whoever runs Trellis's snapshot ({@code snapshot --user=<userId>}, or without {@code --user} when
 * {@code userId} is null) answers it.
 *
 * @param userId      the user whose share to snapshot; null for everything
 * @param aggregate   the aggregate whose gap caused the request ({@code item:itm_…})
 * @param reason      for a person: which consumer saw what
 * @param requestedAt when, in the contract's timestamp format
 */
public record SnapshotRequest(String userId, String aggregate, String reason, Instant requestedAt) {

    public static final String EVERYTHING = "*";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SnapshotRequest {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** The record's key: the user id, or {@code *} for a snapshot of everything. */
    public String key() {
        return userId == null ? EVERYTHING : userId;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("userId", userId);
        node.put("aggregate", aggregate);
        node.put("reason", reason);
        node.put("requestedAt", EventTimestamps.format(requestedAt));
        return JSON.writeValueAsString(node);
    }

    public static SnapshotRequest fromJson(String json) {
        JsonNode node = JSON.readTree(json);
        JsonNode userId = node.get("userId");
        return new SnapshotRequest(userId == null || userId.isNull() ? null : userId.asString(), node.get("aggregate").asString(),
                node.get("reason").asString(), EventTimestamps.parse(node.get("requestedAt").asString()));
    }

    public static SnapshotRequest fromJson(byte[] json) {
        return fromJson(new String(json, StandardCharsets.UTF_8));
    }
}
