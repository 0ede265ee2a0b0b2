package dev.trellis.domain.item;

import dev.trellis.domain.shared.Text;

/** Not blank, at most 200 characters, surrounding whitespace removed. */
public record ItemTitle(String value) {

    public static final int MAX_LENGTH = 200;

    public ItemTitle {
        value = Text.required("title", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
