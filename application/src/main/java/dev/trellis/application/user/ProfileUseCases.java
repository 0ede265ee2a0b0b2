package dev.trellis.application.user;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.event.Events;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.user.LanguageTag;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.TimeZoneName;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserRepository;
import dev.trellis.domain.user.UserSettings;
import dev.trellis.event.contract.EventType;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The signed-in user's own record, profile and settings; a change to either is one {@code user.updated}. */
public class ProfileUseCases {

    public record ProfilePatch(Optional<Optional<String>> bio, Optional<Optional<String>> website, Optional<String> timezone) {
    }

    public record SettingsPatch(Optional<Theme> theme, Optional<String> language, Optional<Boolean> notificationsEnabled) {
    }

    private final UserRepository users;
    private final EventOutbox outbox;
    private final Clock clock;

    public ProfileUseCases(UserRepository users, EventOutbox outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public UserDetails me(RequestContext caller) {
        return users.findDetails(caller.user()).orElseThrow(() -> new NotFound("user", caller.user()));
    }

    @Transactional
    public UserDetails updateProfile(RequestContext caller, Long ifMatch, ProfilePatch patch) {
        UserProfile profile = me(caller).profile();
        PreconditionFailed.check("profile", caller.user(), ifMatch, profile.version());
        if (patch.bio().isPresent()) {
            profile = profile.withBio(patch.bio().get().orElse(null));
        }
        if (patch.website().isPresent()) {
            profile = profile.withWebsite(WebUrl.parseOptional("website", patch.website().get().orElse(null)));
        }
        if (patch.timezone().isPresent()) {
            profile = profile.withTimezone(new TimeZoneName(patch.timezone().get()));
        }
        users.saveProfile(profile);
        return recorded(caller);
    }

    @Transactional
    public UserDetails updateSettings(RequestContext caller, Long ifMatch, SettingsPatch patch) {
        UserSettings settings = me(caller).settings();
        PreconditionFailed.check("settings", caller.user(), ifMatch, settings.version());
        if (patch.theme().isPresent()) {
            settings = settings.withTheme(patch.theme().get());
        }
        if (patch.language().isPresent()) {
            settings = settings.withLanguage(new LanguageTag(patch.language().get()));
        }
        if (patch.notificationsEnabled().isPresent()) {
            settings = settings.withNotificationsEnabled(patch.notificationsEnabled().get());
        }
        users.saveSettings(settings);
        return recorded(caller);
    }

    private UserDetails recorded(RequestContext caller) {
        UserDetails after = me(caller);
        outbox.append(List.of(Events.user(EventType.USER_UPDATED, after, clock.instant(), caller.traceParent())));
        return after;
    }
}
