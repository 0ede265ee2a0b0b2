package dev.trellis.application.snapshot;

import dev.trellis.application.event.Events;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a snapshot per call, in its own short transaction: reads the page's committed state and
 * appends one {@code <aggregate>.snapshot} event per aggregate, in the payload shape of the aggregate's
 * created and updated events (the outbox stamps the next {@code version}). {@link RepublishCurrentState}
 * walks the pages.
 */
public class SnapshotPages {

    public static final String TYPE = "snapshot";

    /** What a page appended, and where the next page starts (empty after the last). */
    public record Appended(int events, Optional<String> next) {
    }

    private final CurrentState state;
    private final EventOutbox outbox;
    private final Clock clock;

    public SnapshotPages(CurrentState state, EventOutbox outbox, Clock clock) {
        this.state = state;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Appended users(SnapshotScope scope, String after, int limit) {
        Instant now = clock.instant();
        return append(state.users(scope, after, limit), user -> Events.user(EventType.USER_SNAPSHOT, user, now, null));
    }

    @Transactional
    public Appended items(SnapshotScope scope, String after, int limit) {
        Instant now = clock.instant();
        return append(state.items(scope, after, limit), item -> Events.item(EventType.ITEM_SNAPSHOT, item.item(), item.files(), now, null));
    }

    @Transactional
    public Appended tags(SnapshotScope scope, String after, int limit) {
        Instant now = clock.instant();
        return append(state.tags(scope, after, limit), tag -> Events.tag(EventType.TAG_SNAPSHOT, tag, now, null));
    }

    @Transactional
    public Appended files(SnapshotScope scope, String after, int limit) {
        Instant now = clock.instant();
        return append(state.files(scope, after, limit), file -> Events.file(EventType.FILE_SNAPSHOT, file, now, null));
    }

    private <T> Appended append(CurrentState.Page<T> page, Function<T, OutboxEvent> event) {
        outbox.append(page.states().stream().map(event).toList());
        return new Appended(page.states().size(), page.next());
    }
}
