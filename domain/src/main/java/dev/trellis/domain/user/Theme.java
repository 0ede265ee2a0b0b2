package dev.trellis.domain.user;

import dev.trellis.domain.shared.InvalidInput;

import java.util.Locale;

/** The PostgreSQL enum {@code theme}: light, dark, or follow the system. */
public enum Theme {
    LIGHT, DARK, SYSTEM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Theme fromCode(String code) {
        for (Theme theme : values()) {
            if (theme.code().equals(code)) {
                return theme;
            }
        }
        throw new InvalidInput("theme", "theme.invalid", "must be one of light, dark, system");
    }
}
