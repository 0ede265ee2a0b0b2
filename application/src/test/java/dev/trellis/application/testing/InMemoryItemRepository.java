package dev.trellis.application.testing;

import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemCursor;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.item.ItemWithTags;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.tag.Tag;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

public final class InMemoryItemRepository implements ItemRepository {

    private static final Comparator<Item> NEWEST_FIRST = Comparator.comparing(Item::createdAt)
            .thenComparing(item -> item.id().value()).reversed();

    private final InMemoryStore store;

    InMemoryItemRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public long add(Item item) {
        if (store.items.containsKey(item.id())) {
            throw new DataAccessFailure.DuplicateValue("items_pkey", null);
        }
        checkReferences(item);
        store.items.put(item.id(), Copies.of(item, 0));
        return 0;
    }

    @Override
    public Optional<Item> findById(ItemId id) {
        return Optional.ofNullable(store.items.get(id)).map(item -> Copies.of(item, item.version()));
    }

    @Override
    public long update(Item item) {
        Item current = store.items.get(item.id());
        if (current == null || current.version() != item.version()) {
            throw new StaleVersion("item", item.id());
        }
        checkReferences(item);
        store.items.put(item.id(), Copies.of(item, item.version() + 1));
        return item.version() + 1;
    }

    @Override
    public boolean remove(ItemId id) {
        boolean removed = store.items.remove(id) != null;
        store.detachMissingItems();
        return removed;
    }

    @Override
    public Optional<ItemWithTags> findWithTags(ItemId id) {
        return findById(id).map(item -> new ItemWithTags(item, tagsOf(item)));
    }

    @Override
    public Optional<ItemWithFiles> findWithFiles(ItemId id) {
        return findById(id).map(item -> new ItemWithFiles(item, filesOf(item)));
    }

    @Override
    public Optional<ItemDetails> findDetails(ItemId id) {
        return findById(id).map(item -> new ItemDetails(item, tagsOf(item), filesOf(item), store.users.get(item.owner())));
    }

    @Override
    public ItemPage findPage(ItemQuery query) {
        Stream<Item> matching = store.items.values().stream()
                .filter(item -> item.owner().equals(query.owner()))
                .filter(item -> query.status().map(status -> item.status() == status).orElse(true))
                .filter(item -> query.tag().map(tag -> item.tags().contains(tag)).orElse(true))
                .filter(item -> query.titleContains()
                        .map(q -> item.title().value().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .filter(item -> query.after().map(cursor -> isAfter(item, cursor)).orElse(true))
                .sorted(NEWEST_FIRST);
        List<Item> rows = matching.limit(query.limit() + 1L).toList();
        boolean more = rows.size() > query.limit();
        List<ItemWithTags> page = rows.stream().limit(query.limit())
                .map(item -> new ItemWithTags(Copies.of(item, item.version()), tagsOf(item))).toList();
        return new ItemPage(page, more ? Optional.of(ItemCursor.after(page.get(page.size() - 1).item())) : Optional.empty());
    }

    private static boolean isAfter(Item item, ItemCursor cursor) {
        int byTime = item.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && item.id().value().compareTo(cursor.id().value()) < 0);
    }

    private List<Tag> tagsOf(Item item) {
        return item.tags().stream().map(store.tags::get).sorted(InMemoryTagRepository.BY_NAME).toList();
    }

    private List<StoredFile> filesOf(Item item) {
        return store.files.values().stream().filter(file -> item.id().equals(file.item()))
                .sorted(Comparator.comparing(StoredFile::createdAt).thenComparing(file -> file.id().value())).toList();
    }

    private void checkReferences(Item item) {
        if (!store.users.containsKey(item.owner())) {
            throw new DataAccessFailure.MissingReference("items_user_id_fkey", null);
        }
        if (!item.tags().stream().allMatch(store.tags::containsKey)) {
            throw new DataAccessFailure.MissingReference("item_tags_tag_id_fkey", null);
        }
    }
}
