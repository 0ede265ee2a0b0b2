package dev.trellis.application.user;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.user.LanguageTag;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserRepository;
import dev.trellis.domain.user.UserSettings;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * A partial change to the caller's settings (theme, language, notifications), at the version
 * {@code ifMatch} names (when given), with {@code user.updated}.
 */
public class UpdateSettings {

    /** An empty Optional leaves the field as it is. */
    public record Command(Long ifMatch, Optional<Theme> theme, Optional<String> language,
                          Optional<Boolean> notificationsEnabled) {
    }

    private final UserRepository users;
    private final EventOutbox outbox;
    private final Clock clock;

    public UpdateSettings(UserRepository users, EventOutbox outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public UserDetails handle(RequestContext caller, Command command) {
        UserSettings settings = ProfileChanges.own(users, caller).settings();
        PreconditionFailed.check("settings", caller.user(), command.ifMatch(), settings.version());
        if (command.theme().isPresent()) {
            settings = settings.withTheme(command.theme().get());
        }
        if (command.language().isPresent()) {
            settings = settings.withLanguage(new LanguageTag(command.language().get()));
        }
        if (command.notificationsEnabled().isPresent()) {
            settings = settings.withNotificationsEnabled(command.notificationsEnabled().get());
        }
        users.saveSettings(settings);
        return ProfileChanges.recorded(users, outbox, clock, caller);
    }
}
