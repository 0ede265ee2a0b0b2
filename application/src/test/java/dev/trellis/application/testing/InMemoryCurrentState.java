package dev.trellis.application.testing;

import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserSettings;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** The store's rows a page at a time, in id order; a fake has no concurrent writers to order against. */
public final class InMemoryCurrentState implements CurrentState {

    private final InMemoryStore store;

    InMemoryCurrentState(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Page<UserDetails> users(SnapshotScope scope, String after, int limit) {
        Stream<UserDetails> users = store.users.values().stream()
                .filter(user -> scope.isEverything() || user.id().equals(scope.user()))
                .map(this::details);
        return page(users, details -> details.user().id().value(), after, limit);
    }

    @Override
    public Page<ItemWithFiles> items(SnapshotScope scope, String after, int limit) {
        Stream<ItemWithFiles> items = store.items.values().stream()
                .filter(item -> scope.isEverything() || item.owner().equals(scope.user()))
                .map(item -> new ItemWithFiles(Copies.of(item, item.version()), filesOf(item)));
        return page(items, item -> item.item().id().value(), after, limit);
    }

    @Override
    public Page<Tag> tags(SnapshotScope scope, String after, int limit) {
        Stream<Tag> tags = store.tags.values().stream()
                .filter(tag -> scope.isEverything() || scope.user().equals(tag.createdBy())
                        || store.items.values().stream().anyMatch(item -> item.owner().equals(scope.user())
                        && item.tags().contains(tag.id())));
        return page(tags, tag -> tag.id().value(), after, limit);
    }

    @Override
    public Page<StoredFile> files(SnapshotScope scope, String after, int limit) {
        Stream<StoredFile> files = store.files.values().stream()
                .filter(file -> scope.isEverything() || file.owner().equals(scope.user()));
        return page(files, file -> file.id().value(), after, limit);
    }

    private UserDetails details(User user) {
        return new UserDetails(user, store.profiles.getOrDefault(user.id(), UserProfile.defaults(user.id())),
                store.settings.getOrDefault(user.id(), UserSettings.defaults(user.id())));
    }

    private List<StoredFile> filesOf(Item item) {
        return store.files.values().stream().filter(file -> item.id().equals(file.item()))
                .sorted(Comparator.comparing(StoredFile::createdAt).thenComparing(file -> file.id().value())).toList();
    }

    private static <T> Page<T> page(Stream<T> rows, Function<T, String> id, String after, int limit) {
        List<T> upToOneMore = rows.filter(row -> after == null || id.apply(row).compareTo(after) > 0)
                .sorted(Comparator.comparing(id)).limit(limit + 1L).toList();
        if (upToOneMore.size() <= limit) {
            return new Page<>(upToOneMore, Optional.empty());
        }
        List<T> page = upToOneMore.subList(0, limit);
        return new Page<>(page, Optional.of(id.apply(page.get(limit - 1))));
    }
}
