package dev.trellis.domain.item;

import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.shared.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of one user's items, newest first, optionally filtered by status, by a tag, and by a
 * case-insensitive substring of the title.
 */
public record ItemQuery(UserId owner, Optional<ItemStatus> status, Optional<TagId> tag,
                        Optional<String> titleContains, int limit, Optional<ItemCursor> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ItemQuery {
        Objects.requireNonNull(owner, "owner");
        status = status == null ? Optional.empty() : status;
        tag = tag == null ? Optional.empty() : tag;
        titleContains = titleContains == null ? Optional.empty() : titleContains.filter(q -> !q.isBlank());
        after = after == null ? Optional.empty() : after;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "limit.out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        if (titleContains.map(String::length).orElse(0) > ItemTitle.MAX_LENGTH) {
            throw new InvalidInput("q", "text.too_long", "must be at most " + ItemTitle.MAX_LENGTH + " characters");
        }
    }

    public static ItemQuery newestOf(UserId owner, int limit) {
        return new ItemQuery(owner, Optional.empty(), Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    public ItemQuery next(ItemCursor cursor) {
        return new ItemQuery(owner, status, tag, titleContains, limit, Optional.of(cursor));
    }
}
