package dev.trellis.application.testing;

import dev.trellis.application.port.out.OutboxEvent;
import dev.trellis.domain.file.FileId;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemId;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserId;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows the in-memory fakes share, so that the fakes keep the database's cross-table rules:
 * foreign keys, cascades, ON DELETE SET NULL. The fakes must behave like the real adapters: the
 * same contract tests run against both.
 */
public final class InMemoryStore {

    final Map<UserId, User> users = new LinkedHashMap<>();
    final Map<UserId, UserProfile> profiles = new LinkedHashMap<>();
    final Map<UserId, UserSettings> settings = new LinkedHashMap<>();
    final Map<ItemId, Item> items = new LinkedHashMap<>();
    final Map<TagId, Tag> tags = new LinkedHashMap<>();
    final Map<FileId, StoredFile> files = new LinkedHashMap<>();
    final List<OutboxEvent> outbox = new ArrayList<>();

    public final InMemoryUserRepository userRepository = new InMemoryUserRepository(this);
    public final InMemoryItemRepository itemRepository = new InMemoryItemRepository(this);
    public final InMemoryTagRepository tagRepository = new InMemoryTagRepository(this);
    public final InMemoryFileRepository fileRepository = new InMemoryFileRepository(this);
    public final InMemoryEventOutbox eventOutbox = new InMemoryEventOutbox(this);

    /** ON DELETE CASCADE from user: items (and their links), files, profile, settings; tags keep, creator cleared. */
    void deleteUser(UserId id) {
        users.remove(id);
        profiles.remove(id);
        settings.remove(id);
        items.values().removeIf(item -> item.owner().equals(id));
        files.values().removeIf(file -> file.owner().equals(id));
        tags.replaceAll((tagId, tag) -> id.equals(tag.createdBy())
                ? new Tag(tag.id(), tag.name(), tag.color(), null, tag.createdAt(), tag.version()) : tag);
        detachMissingItems();
    }

    /** files.item_id ON DELETE SET NULL. */
    void detachMissingItems() {
        files.replaceAll((fileId, file) -> file.item() != null && !items.containsKey(file.item()) ? file.attachTo(null) : file);
    }
}
