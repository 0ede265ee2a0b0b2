package dev.trellis.domain.user;

import dev.trellis.domain.shared.UserId;
import java.util.Objects;

/** Preferences and settings: {@code user_settings}. Defaults: system theme, English, notifications on. */
public record UserSettings(UserId userId, Theme theme, LanguageTag language, boolean notificationsEnabled, long version) {

    public UserSettings {
        Objects.requireNonNull(userId, "userId");
        theme = theme == null ? Theme.SYSTEM : theme;
        language = language == null ? LanguageTag.ENGLISH : language;
    }

    public static UserSettings defaults(UserId userId) {
        return new UserSettings(userId, Theme.SYSTEM, LanguageTag.ENGLISH, true, 0);
    }

    public UserSettings withTheme(Theme newTheme) {
        return new UserSettings(userId, newTheme, language, notificationsEnabled, version);
    }

    public UserSettings withLanguage(LanguageTag newLanguage) {
        return new UserSettings(userId, theme, newLanguage, notificationsEnabled, version);
    }

    public UserSettings withNotificationsEnabled(boolean enabled) {
        return new UserSettings(userId, theme, language, enabled, version);
    }
}
