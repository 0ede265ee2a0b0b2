package dev.trellis.application.file;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Attaches one of the caller's files to one of the caller's items, moves it to another, or detaches
 * it, at the version {@code ifMatch} names (when given), with {@code file.updated}. This changes the
 * file (its {@code itemId}), not the item: the item's row, version and {@code updatedAt} stay as they are.
 */
public class AttachFile {

    /**
     * {@code item} holding an id attaches, holding empty detaches; an empty {@code item} changes
     * nothing, and neither does naming the item the file is already on (no event then).
     */
    public record Command(FileId file, Long ifMatch, Optional<Optional<ItemId>> item) {
    }

    private final FileRepository files;
    private final ItemRepository items;
    private final EventOutbox outbox;
    private final Clock clock;

    public AttachFile(FileRepository files, ItemRepository items, EventOutbox outbox, Clock clock) {
        this.files = files;
        this.items = items;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public StoredFile handle(RequestContext caller, Command command) {
        StoredFile file = FileChanges.owned(files, caller, command.file());
        PreconditionFailed.check("file", command.file(), command.ifMatch(), file.version());
        if (command.item().isEmpty()) {
            return file;
        }
        ItemId target = command.item().get().orElse(null);
        if (target != null) {
            FileChanges.requireOwnItem(items, caller, target);
        }
        if (Objects.equals(target, file.item())) {
            return file;
        }
        StoredFile changed = file.attachTo(target);
        StoredFile stored = FileChanges.withVersion(changed, files.update(changed));
        outbox.append(List.of(Events.file(EventType.FILE_UPDATED, stored, clock.instant(), caller.traceParent())));
        return stored;
    }
}
