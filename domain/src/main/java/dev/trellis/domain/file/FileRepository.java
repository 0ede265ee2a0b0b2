package dev.trellis.domain.file;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.UserId;

import java.util.List;
import java.util.Optional;

/** File references (the bytes live behind a storage port). Port; adapters implement it. */
public interface FileRepository {

    long add(StoredFile file);

    Optional<StoredFile> findById(FileId id);

    /** A user's files, newest first. */
    List<StoredFile> findByOwner(UserId owner);

    /** The files attached to an item, oldest first. */
    List<StoredFile> findByItem(ItemId item);

    /** Writes the item link if nobody changed the file since {@code file.version()}; returns the new version. */
    long update(StoredFile file);

    boolean remove(FileId id);
}
