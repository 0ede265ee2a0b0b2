package dev.trellis.application.snapshot;

import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.user.UserRepository;

import java.util.Optional;

/**
 * For a consumer that starts late: republishes the current state of every user, item, tag and file
 * (or of one user's share) as {@code user.snapshot}, {@code item.snapshot}, {@code tag.snapshot} and
 * {@code file.snapshot} events, one per aggregate. It runs beside the application: page by page, each
 * page its own short transaction ({@link SnapshotPages}), so no transaction grows with the database and
 * writers wait at most for one page. Aggregates created while it runs arrive through their own events.
 */
public class RepublishCurrentState {

    /** Rows per page (and per transaction). */
    public static final int PAGE_SIZE = 500;

    /** The events appended, by aggregate. */
    public record Republished(long users, long items, long tags, long files) {

        public long events() {
            return users + items + tags + files;
        }
    }

    private final SnapshotPages pages;
    private final UserRepository users;
    private final int pageSize;

    public RepublishCurrentState(SnapshotPages pages, UserRepository users, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.pages = pages;
        this.users = users;
        this.pageSize = pageSize;
    }

    /** Throws {@link NotFound} for a scope of a user that does not exist. */
    public Republished handle(SnapshotScope scope) {
        if (!scope.isEverything() && users.findById(scope.user()).isEmpty()) {
            throw new NotFound("user", scope.user());
        }
        return new Republished(all(scope, pages::users), all(scope, pages::items), all(scope, pages::tags),
                all(scope, pages::files));
    }

    private long all(SnapshotScope scope, Step step) {
        long events = 0;
        Optional<String> after = Optional.empty();
        do {
            SnapshotPages.Appended page = step.next(scope, after.orElse(null), pageSize);
            events += page.events();
            after = page.next();
        } while (after.isPresent());
        return events;
    }

    @FunctionalInterface
    private interface Step {
        SnapshotPages.Appended next(SnapshotScope scope, String after, int limit);
    }
}
