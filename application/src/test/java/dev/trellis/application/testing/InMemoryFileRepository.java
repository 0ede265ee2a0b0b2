package dev.trellis.application.testing;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.shared.UserId;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryFileRepository implements FileRepository {

    private static final Comparator<StoredFile> OLDEST_FIRST = Comparator.comparing(StoredFile::createdAt)
            .thenComparing(file -> file.id().value());

    private final InMemoryStore store;

    InMemoryFileRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public long add(StoredFile file) {
        if (store.files.containsKey(file.id())) {
            throw new DataAccessFailure.DuplicateValue("files_pkey", null);
        }
        if (store.files.values().stream().anyMatch(other -> other.storageKey().equals(file.storageKey()))) {
            throw new DataAccessFailure.DuplicateValue("files_storage_key_unique", null);
        }
        checkReferences(file);
        store.files.put(file.id(), withVersion(file, 0));
        return 0;
    }

    @Override
    public Optional<StoredFile> findById(FileId id) {
        return Optional.ofNullable(store.files.get(id));
    }

    @Override
    public List<StoredFile> findByOwner(UserId owner) {
        return store.files.values().stream().filter(file -> file.owner().equals(owner)).sorted(OLDEST_FIRST.reversed()).toList();
    }

    @Override
    public List<StoredFile> findByItem(ItemId item) {
        return store.files.values().stream().filter(file -> item.equals(file.item())).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public long update(StoredFile file) {
        StoredFile current = store.files.get(file.id());
        if (current == null || current.version() != file.version()) {
            throw new StaleVersion("file", file.id());
        }
        checkReferences(file);
        store.files.put(file.id(), withVersion(file, file.version() + 1));
        return file.version() + 1;
    }

    @Override
    public boolean remove(FileId id) {
        return store.files.remove(id) != null;
    }

    private void checkReferences(StoredFile file) {
        if (!store.users.containsKey(file.owner())) {
            throw new DataAccessFailure.MissingReference("files_user_id_fkey", null);
        }
        if (file.item() != null && !store.items.containsKey(file.item())) {
            throw new DataAccessFailure.MissingReference("files_item_id_fkey", null);
        }
    }

    private static StoredFile withVersion(StoredFile file, long version) {
        return new StoredFile(file.id(), file.owner(), file.item(), file.filename(), file.storageKey(), file.url(),
                file.size(), file.mimeType(), file.createdAt(), version);
    }
}
