package dev.trellis.application.file;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.event.Events;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.file.FileStorage;
import dev.trellis.domain.file.ClientFilename;
import dev.trellis.domain.file.ContentTypes;
import dev.trellis.domain.file.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The signed-in user's files. Each write runs in one transaction that changes the file row and
 * appends its one event ({@code file.created}, {@code file.updated}, {@code file.deleted}); the bytes
 * follow the transaction (see {@link FileStorage}): written before the row and removed again if it
 * rolls back, deleted only after the row's delete commits. Another user's file, and another user's
 * item to attach to, are exactly as missing as ones that do not exist.
 *
 * <p>Attaching or detaching changes the file (its {@code itemId}), not the item: the item's row,
 * version and {@code updatedAt} stay as they are, so the one event is {@code file.updated}.
 */
public class FileUseCases {

    /** An upload: the client's file name and declared type (both only claims), its bytes, and an item to attach to. */
    public record Upload(String filename, String declaredType, InputStream content, ItemId item) {
        public Upload {
            Objects.requireNonNull(content, "content");
        }
    }

    /** A file's bytes to send, with the row that describes them. */
    public record Download(StoredFile file, InputStream content, long size) {
    }

    private final FileRepository files;
    private final ItemRepository items;
    private final FileStorage storage;
    private final EventOutbox outbox;
    private final Clock clock;
    private final Function<FileId, String> contentUrl;

    /** {@code contentUrl} gives the URL a file's bytes are served at, stored in its row and events. */
    public FileUseCases(FileRepository files, ItemRepository items, FileStorage storage, EventOutbox outbox, Clock clock,
                        Function<FileId, String> contentUrl) {
        this.files = files;
        this.items = items;
        this.storage = storage;
        this.outbox = outbox;
        this.clock = clock;
        this.contentUrl = contentUrl;
    }

    /**
     * Checks the item, then the bytes against the declared type (before anything is written), then
     * stores the bytes under a key of Trellis's making, then the row and its event.
     */
    @Transactional
    public StoredFile upload(RequestContext caller, Upload upload) {
        if (upload.item() != null) {
            requireOwnItem(caller, upload.item());
        }
        byte[] head = readHead(upload.content());
        MimeType type = ContentTypes.resolve(upload.declaredType(), head, head.length);
        FileId id = FileId.generate();
        String key = caller.user().value() + "/" + id.value();
        long size = storage.put(key, new SequenceInputStream(new ByteArrayInputStream(head), upload.content()));
        Instant now = clock.instant();
        StoredFile file = StoredFile.create(id, caller.user(), upload.item(), ClientFilename.sanitize(upload.filename()), key,
                contentUrl.apply(id), size, type, now);
        StoredFile stored = withVersion(file, files.add(file));
        outbox.append(List.of(Events.file(EventType.FILE_CREATED, stored, now, caller.traceParent())));
        return stored;
    }

    /** The caller's files, newest first. */
    @Transactional(readOnly = true)
    public List<StoredFile> list(RequestContext caller) {
        return files.findByOwner(caller.user());
    }

    @Transactional(readOnly = true)
    public StoredFile view(RequestContext caller, FileId id) {
        return owned(caller, id);
    }

    /** The row and its bytes, opened for reading; bytes missing from storage are as missing as the file. */
    @Transactional(readOnly = true)
    public Download download(RequestContext caller, FileId id) {
        StoredFile file = owned(caller, id);
        FileStorage.Content content = storage.open(file.storageKey()).orElseThrow(() -> new NotFound("file", id));
        return new Download(file, content.stream(), content.size());
    }

    /**
     * Attaches the file to one of the caller's items ({@code item} holding an id) or detaches it
     * ({@code item} holding empty); an empty {@code item} changes nothing, and neither does naming the
     * item the file is already on (no event then).
     */
    @Transactional
    public StoredFile attach(RequestContext caller, FileId id, Long ifMatch, Optional<Optional<ItemId>> item) {
        StoredFile file = owned(caller, id);
        PreconditionFailed.check("file", id, ifMatch, file.version());
        if (item.isEmpty()) {
            return file;
        }
        ItemId target = item.get().orElse(null);
        if (target != null) {
            requireOwnItem(caller, target);
        }
        if (Objects.equals(target, file.item())) {
            return file;
        }
        StoredFile changed = file.attachTo(target);
        StoredFile stored = withVersion(changed, files.update(changed));
        outbox.append(List.of(Events.file(EventType.FILE_UPDATED, stored, clock.instant(), caller.traceParent())));
        return stored;
    }

    /** Deletes the row and its event now, the bytes once that has committed. */
    @Transactional
    public void delete(RequestContext caller, FileId id, Long ifMatch) {
        StoredFile file = owned(caller, id);
        PreconditionFailed.check("file", id, ifMatch, file.version());
        if (!files.remove(id)) {
            throw new NotFound("file", id);     // a concurrent delete won
        }
        outbox.append(List.of(Events.fileDeleted(file, clock.instant(), caller.traceParent())));
        storage.delete(file.storageKey());
    }

    private StoredFile owned(RequestContext caller, FileId id) {
        return files.findById(id).filter(file -> file.isOwnedBy(caller.user())).orElseThrow(() -> new NotFound("file", id));
    }

    private void requireOwnItem(RequestContext caller, ItemId item) {
        items.findById(item).filter(found -> found.isOwnedBy(caller.user())).orElseThrow(() -> new NotFound("item", item));
    }

    private static byte[] readHead(InputStream content) {
        try {
            return content.readNBytes(ContentTypes.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload", e);
        }
    }

    private static StoredFile withVersion(StoredFile file, long version) {
        return new StoredFile(file.id(), file.owner(), file.item(), file.filename(), file.storageKey(), file.url(),
                file.size(), file.mimeType(), file.createdAt(), version);
    }
}
