package dev.trellis.event.contract;

import java.util.Arrays;
import java.util.Optional;

/** What an event is about; also the last part of its topic ({@code trellis.item}). */
public enum AggregateType {
    USER("user"), ITEM("item"), TAG("tag"), FILE("file");

    private final String code;

    AggregateType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AggregateType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
