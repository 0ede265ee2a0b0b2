package dev.trellis.application.file;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.NotFound;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Deletes one of the caller's files, at the version {@code ifMatch} names (when given): the row and
 * {@code file.deleted} now, the bytes once that has committed (see {@link FileStorage}).
 */
public class DeleteFile {

    public record Command(FileId file, Long ifMatch) {
    }

    private final FileRepository files;
    private final FileStorage storage;
    private final EventOutbox outbox;
    private final Clock clock;

    public DeleteFile(FileRepository files, FileStorage storage, EventOutbox outbox, Clock clock) {
        this.files = files;
        this.storage = storage;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void handle(RequestContext caller, Command command) {
        FileId id = command.file();
        StoredFile file = FileChanges.owned(files, caller, id);
        PreconditionFailed.check("file", id, command.ifMatch(), file.version());
        if (!files.remove(id)) {
            throw new NotFound("file", id);     // a concurrent delete won
        }
        outbox.append(List.of(Events.fileDeleted(file, clock.instant(), caller.traceParent())));
        storage.delete(file.storageKey());
    }
}
