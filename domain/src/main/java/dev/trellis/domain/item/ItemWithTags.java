package dev.trellis.domain.item;

import dev.trellis.domain.tag.Tag;

import java.util.List;

/** An item and its tags, ordered by name. */
public record ItemWithTags(Item item, List<Tag> tags) {

    public ItemWithTags {
        tags = List.copyOf(tags);
    }
}
