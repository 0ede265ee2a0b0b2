package dev.trellis.application.file;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.file.ClientFilename;
import dev.trellis.domain.file.ContentTypes;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
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
import java.util.function.Function;

/**
 * A new file of the caller's, with {@code file.created}: checks the item, then the bytes against the
 * declared type (before anything is written), then stores the bytes under a key of Trellis's making
 * ({@code <userId>/<fileId>}), then the row and its event. The bytes follow the transaction (see
 * {@link FileStorage}): removed again if it rolls back.
 */
public class UploadFile {

    /** The client's file name and declared type (both only claims), the bytes, and an item to attach to (or null). */
    public record Command(String filename, String declaredType, InputStream content, ItemId item) {
        public Command {
            Objects.requireNonNull(content, "content");
        }
    }

    private final FileRepository files;
    private final ItemRepository items;
    private final FileStorage storage;
    private final EventOutbox outbox;
    private final Clock clock;
    private final Function<FileId, String> contentUrl;

    /** {@code contentUrl} gives the URL a file's bytes are served at, stored in its row and events. */
    public UploadFile(FileRepository files, ItemRepository items, FileStorage storage, EventOutbox outbox, Clock clock,
                      Function<FileId, String> contentUrl) {
        this.files = files;
        this.items = items;
        this.storage = storage;
        this.outbox = outbox;
        this.clock = clock;
        this.contentUrl = contentUrl;
    }

    @Transactional
    public StoredFile handle(RequestContext caller, Command command) {
        if (command.item() != null) {
            FileChanges.requireOwnItem(items, caller, command.item());
        }
        byte[] head = readHead(command.content());
        MimeType type = ContentTypes.resolve(command.declaredType(), head, head.length);
        FileId id = FileId.generate();
        String key = caller.user().value() + "/" + id.value();
        long size = storage.put(key, new SequenceInputStream(new ByteArrayInputStream(head), command.content()));
        Instant now = clock.instant();
        StoredFile file = StoredFile.create(id, caller.user(), command.item(), ClientFilename.sanitize(command.filename()),
                key, contentUrl.apply(id), size, type, now);
        StoredFile stored = FileChanges.withVersion(file, files.add(file));
        outbox.append(List.of(Events.file(EventType.FILE_CREATED, stored, now, caller.traceParent())));
        return stored;
    }

    private static byte[] readHead(InputStream content) {
        try {
            return content.readNBytes(ContentTypes.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload", e);
        }
    }
}
