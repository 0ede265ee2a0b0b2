package dev.trellis.application.testing;

import dev.trellis.domain.item.Item;

/** Fakes hand out copies, as a database does: a caller's changes are not stored until written. */
final class Copies {

    private Copies() {
    }

    static Item of(Item item, long version) {
        return Item.restore(item.id(), item.owner(), item.title(), item.description(), item.content(), item.status(),
                item.imageUrl(), item.createdAt(), item.updatedAt(), item.tags(), version);
    }
}
