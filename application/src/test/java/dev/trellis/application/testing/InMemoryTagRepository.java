package dev.trellis.application.testing;

import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.tag.TagRepository;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryTagRepository implements TagRepository {

    static final Comparator<Tag> BY_NAME = Comparator.comparing((Tag tag) -> tag.name().value());

    private final InMemoryStore store;

    InMemoryTagRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public long add(Tag tag) {
        if (store.tags.containsKey(tag.id())) {
            throw new DataAccessFailure.DuplicateValue("tags_pkey", null);
        }
        rejectTakenName(tag);
        if (tag.createdBy() != null && !store.users.containsKey(tag.createdBy())) {
            throw new DataAccessFailure.MissingReference("tags_created_by_fkey", null);
        }
        store.tags.put(tag.id(), withVersion(tag, 0));
        return 0;
    }

    @Override
    public Optional<Tag> findById(TagId id) {
        return Optional.ofNullable(store.tags.get(id));
    }

    @Override
    public Optional<Tag> findByName(TagName name) {
        return store.tags.values().stream().filter(tag -> tag.name().equals(name)).findFirst();
    }

    @Override
    public List<Tag> findAllById(Collection<TagId> ids) {
        return store.tags.values().stream().filter(tag -> ids.contains(tag.id())).sorted(BY_NAME).toList();
    }

    @Override
    public List<Tag> findAll() {
        return store.tags.values().stream().sorted(BY_NAME).toList();
    }

    @Override
    public long update(Tag tag) {
        Tag current = store.tags.get(tag.id());
        if (current == null || current.version() != tag.version()) {
            throw new StaleVersion("tag", tag.id());
        }
        rejectTakenName(tag);
        store.tags.put(tag.id(), withVersion(tag, tag.version() + 1));
        return tag.version() + 1;
    }

    @Override
    public boolean isUsedByOthersThan(TagId id, dev.trellis.domain.shared.UserId user) {
        return store.items.values().stream().anyMatch(item -> item.tags().contains(id) && !item.owner().equals(user));
    }

    @Override
    public boolean remove(TagId id) {
        if (store.tags.remove(id) == null) {
            return false;
        }
        // item_tags ON DELETE CASCADE: the links go, the items' versions stay.
        store.items.replaceAll((itemId, item) -> {
            if (!item.tags().contains(id)) {
                return item;
            }
            Item copy = Copies.of(item, item.version());
            copy.detach(id, item.updatedAt());
            return copy;
        });
        return true;
    }

    private void rejectTakenName(Tag tag) {
        if (store.tags.values().stream().anyMatch(other -> !other.id().equals(tag.id()) && other.name().equals(tag.name()))) {
            throw new DataAccessFailure.DuplicateValue("tags_name_key", null);
        }
    }

    private static Tag withVersion(Tag tag, long version) {
        return new Tag(tag.id(), tag.name(), tag.color(), tag.createdBy(), tag.createdAt(), version);
    }
}
