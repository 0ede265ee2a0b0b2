package dev.trellis.application.file;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.shared.NotFound;

/**
 * What the file use cases share: the caller's file, the caller's item to attach to (another user's
 * is exactly as missing as one that does not exist), and a file at the version stored.
 */
final class FileChanges {

    private FileChanges() {
    }

    static StoredFile owned(FileRepository files, RequestContext caller, FileId id) {
        return files.findById(id).filter(file -> file.isOwnedBy(caller.user())).orElseThrow(() -> new NotFound("file", id));
    }

    static void requireOwnItem(ItemRepository items, RequestContext caller, ItemId item) {
        items.findById(item).filter(found -> found.isOwnedBy(caller.user())).orElseThrow(() -> new NotFound("item", item));
    }

    static StoredFile withVersion(StoredFile file, long version) {
        return new StoredFile(file.id(), file.owner(), file.item(), file.filename(), file.storageKey(), file.url(),
                file.size(), file.mimeType(), file.createdAt(), version);
    }
}
