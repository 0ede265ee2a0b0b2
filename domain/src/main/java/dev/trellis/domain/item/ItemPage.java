package dev.trellis.domain.item;

import java.util.List;
import java.util.Optional;

/** One page of items with their tags, and where the next page starts (empty on the last page). */
public record ItemPage(List<ItemWithTags> items, Optional<ItemCursor> next) {

    public ItemPage {
        items = List.copyOf(items);
    }
}
