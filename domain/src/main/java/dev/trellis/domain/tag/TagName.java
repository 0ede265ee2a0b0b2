package dev.trellis.domain.tag;

import dev.trellis.domain.shared.Text;

/** 1 to 64 characters, surrounding whitespace removed; unique across all tags. */
public record TagName(String value) {

    public static final int MAX_LENGTH = 64;

    public TagName {
        value = Text.required("name", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
