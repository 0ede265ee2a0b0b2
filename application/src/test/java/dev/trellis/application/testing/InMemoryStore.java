package dev.trellis.application.testing;

import dev.trellis.application.event.OutboxEvent;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountId;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.SessionId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
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
    final Map<String, Long> aggregateVersions = new LinkedHashMap<>();
    final Map<SessionId, Session> sessions = new LinkedHashMap<>();
    final Map<AccountId, Account> accounts = new LinkedHashMap<>();
    final Map<String, Verification> verifications = new LinkedHashMap<>();

    public final InMemoryUserRepository userRepository = new InMemoryUserRepository(this);
    public final InMemoryItemRepository itemRepository = new InMemoryItemRepository(this);
    public final InMemoryTagRepository tagRepository = new InMemoryTagRepository(this);
    public final InMemoryFileRepository fileRepository = new InMemoryFileRepository(this);
    public final InMemoryEventOutbox eventOutbox = new InMemoryEventOutbox(this);
    public final InMemoryCurrentState currentState = new InMemoryCurrentState(this);
    public final InMemorySessionRepository sessionRepository = new InMemorySessionRepository(this);
    public final InMemoryAccountRepository accountRepository = new InMemoryAccountRepository(this);
    public final InMemoryVerificationRepository verificationRepository = new InMemoryVerificationRepository(this);
    public final InMemoryRateLimitCounters rateLimitCounters = new InMemoryRateLimitCounters();

    /**
     * ON DELETE CASCADE from user: sessions, accounts, items (and their links), files, profile, settings;
     * tags keep, creator cleared.
     */
    void deleteUser(UserId id) {
        users.remove(id);
        profiles.remove(id);
        settings.remove(id);
        sessions.values().removeIf(session -> session.userId().equals(id));
        accounts.values().removeIf(account -> account.userId().equals(id));
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
