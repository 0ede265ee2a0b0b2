package dev.trellis.application.user;

import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.event.Events;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserRepository;
import dev.trellis.event.contract.EventType;

import java.time.Clock;
import java.util.List;

/** What the profile use cases share: the caller's own record, and {@code user.updated} once it changed. */
final class ProfileChanges {

    private ProfileChanges() {
    }

    static UserDetails own(UserRepository users, RequestContext caller) {
        return users.findDetails(caller.user()).orElseThrow(() -> new NotFound("user", caller.user()));
    }

    /** The record as it now is, written to the outbox as one {@code user.updated}. */
    static UserDetails recorded(UserRepository users, EventOutbox outbox, Clock clock, RequestContext caller) {
        UserDetails after = own(users, caller);
        outbox.append(List.of(Events.user(EventType.USER_UPDATED, after, clock.instant(), caller.traceParent())));
        return after;
    }
}
