package dev.trellis.application.snapshot;

import dev.trellis.domain.shared.UserId;

import java.util.Objects;

/**
 * What a snapshot covers: everything ({@code user} null), or one user's share — the user, their items
 * and files, and the tags they created or that their items carry.
 */
public record SnapshotScope(UserId user) {

    public static SnapshotScope everything() {
        return new SnapshotScope(null);
    }

    public static SnapshotScope of(UserId user) {
        return new SnapshotScope(Objects.requireNonNull(user, "user"));
    }

    public boolean isEverything() {
        return user == null;
    }
}
