package dev.trellis.domain.tag;

import dev.trellis.domain.shared.InvalidInput;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code #rrggbb}, stored lower-case; the default is the seed's grey {@code #6b7280}. */
public record TagColor(String value) {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    // after HEX: the constructor needs it while the class initialises
    public static final TagColor DEFAULT = new TagColor("#6b7280");

    public TagColor {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new InvalidInput("color", "color.invalid", "must be #rrggbb, e.g. #3b82f6");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
