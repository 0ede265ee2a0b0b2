package dev.trellis.event.contract.payload;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;

/** {@code user.created}, {@code user.updated}, {@code user.snapshot}. */
public record UserState(int schemaVersion, String id, String name, String email, boolean emailVerified, @Nullable String image,
                        Instant createdAt, Instant updatedAt, Profile profile, Settings settings, long version)
        implements EventPayload {

    public record Profile(@Nullable String bio, @Nullable String website, String timezone) {
    }

    public record Settings(Theme theme, String language, boolean notificationsEnabled) {
    }

    public enum Theme {
        LIGHT, DARK, SYSTEM;

        @JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
