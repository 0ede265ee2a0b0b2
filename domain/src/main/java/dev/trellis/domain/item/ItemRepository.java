package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import java.util.Optional;

/**
 * Items and their tag links. Port; adapters implement it. The relation reads answer in a fixed
 * number of statements, whatever the number of rows.
 */
public interface ItemRepository {

    /** Inserts a new item with its tag links; returns the stored version. */
    long add(Item item);

    Optional<Item> findById(ItemId id);

    /**
     * Writes the item and its tag links if nobody changed it since {@code item.version()};
     * returns the new version, or throws {@link dev.trellis.domain.shared.StaleVersion}.
     */
    long update(Item item);

    /** Deletes the item (its tag links go with it, its files are detached); false when there was none. */
    boolean remove(ItemId id);

    Optional<ItemWithTags> findWithTags(ItemId id);

    Optional<ItemWithFiles> findWithFiles(ItemId id);

    Optional<ItemDetails> findDetails(ItemId id);

    ItemPage findPage(ItemQuery query);
}
