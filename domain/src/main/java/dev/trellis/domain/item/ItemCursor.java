package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of a user's items (newest first) stops: the last item's creation time and id.
 * Travels as an opaque URL-safe string.
 */
public record ItemCursor(Instant createdAt, ItemId id) {

    public ItemCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public static ItemCursor after(Item item) {
        return new ItemCursor(item.createdAt(), item.id());
    }

    public String encode() {
        String raw = createdAt + "|" + id.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static ItemCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new ItemCursor(Instant.parse(raw.substring(0, bar)), new ItemId(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | InvalidInput | NullPointerException e) {
            throw new InvalidInput("cursor", "cursor.invalid", "is not a cursor this server handed out");
        }
    }
}
