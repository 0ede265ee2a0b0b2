package dev.trellis.application.user;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.user.TimeZoneName;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * A partial change to the caller's profile (bio, website, time zone), at the version {@code ifMatch}
 * names (when given), with {@code user.updated}.
 */
public class UpdateProfile {

    /**
     * An empty Optional leaves the field as it is; for nullable fields an {@code Optional.of(Optional.empty())}
     * clears it.
     */
    public record Command(Long ifMatch, Optional<Optional<String>> bio, Optional<Optional<String>> website,
                          Optional<String> timezone) {
    }

    private final UserRepository users;
    private final EventOutbox outbox;
    private final Clock clock;

    public UpdateProfile(UserRepository users, EventOutbox outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public UserDetails handle(RequestContext caller, Command command) {
        UserProfile profile = ProfileChanges.own(users, caller).profile();
        PreconditionFailed.check("profile", caller.user(), command.ifMatch(), profile.version());
        if (command.bio().isPresent()) {
            profile = profile.withBio(command.bio().get().orElse(null));
        }
        if (command.website().isPresent()) {
            profile = profile.withWebsite(WebUrl.parseOptional("website", command.website().get().orElse(null)));
        }
        if (command.timezone().isPresent()) {
            profile = profile.withTimezone(new TimeZoneName(command.timezone().get()));
        }
        users.saveProfile(profile);
        return ProfileChanges.recorded(users, outbox, clock, caller);
    }
}
