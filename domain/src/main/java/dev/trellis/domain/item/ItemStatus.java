package dev.trellis.domain.item;

import dev.trellis.domain.shared.InvalidInput;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The PostgreSQL enum {@code item_status}, with the transitions an item may take. */
public enum ItemStatus {
    DRAFT, PUBLISHED, ARCHIVED;

    /** draft→published, draft→archived, published→draft, published→archived, archived→draft. */
    public Set<ItemStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PUBLISHED, ARCHIVED);
            case PUBLISHED -> EnumSet.of(DRAFT, ARCHIVED);
            case ARCHIVED -> EnumSet.of(DRAFT);
        };
    }

    public boolean canBecome(ItemStatus target) {
        return next().contains(target);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemStatus fromCode(String code) {
        for (ItemStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new InvalidInput("status", "status.invalid", "must be one of draft, published, archived");
    }
}
