package dev.trellis.domain.shared;

/** Checks for free text fields. */
public final class Text {

    private Text() {
    }

    /** {@code null} stays {@code null}; otherwise at most {@code max} characters. */
    public static String optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInput(field, "text.too_long", "must be at most " + max + " characters");
        }
        return value;
    }

    /** Not blank, at most {@code max} characters, surrounding whitespace removed. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "text.blank", "must not be blank");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new InvalidInput(field, "text.too_long", "must be at most " + max + " characters");
        }
        return stripped;
    }
}
