package dev.trellis.application.snapshot;

import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.UserDetails;

import java.util.List;
import java.util.Optional;

/**
 * The committed state of the users, items, tags and files in a {@link SnapshotScope}, a page at a
 * time in id order (keyset: {@code after} is the previous page's {@code next}, {@code null} for the
 * first page). Relations come with each page in a fixed number of statements.
 *
 * <p>Each read must run inside the transaction that appends the snapshot's events, and holds the
 * returned aggregates' event order until that transaction ends: an event another transaction is
 * writing for one of them either commits before the read (and the read sees its change) or takes the
 * next version after the snapshot's. So a snapshot event never carries an older state than an event
 * with a lower version.
 */
public interface CurrentState {

    /** One page: the states read, and the cursor of the next page when there may be one. */
    record Page<T>(List<T> states, Optional<String> next) {

        public Page {
            states = List.copyOf(states);
        }
    }

    /** Users with their profile and settings. */
    Page<UserDetails> users(SnapshotScope scope, String after, int limit);

    /** Items with their tag ids and their files (oldest first). */
    Page<ItemWithFiles> items(SnapshotScope scope, String after, int limit);

    /** Tags; for one user, those the user created or that the user's items carry. */
    Page<Tag> tags(SnapshotScope scope, String after, int limit);

    Page<StoredFile> files(SnapshotScope scope, String after, int limit);
}
