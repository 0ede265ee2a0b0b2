package dev.trellis.bootstrap.wiring.user;

import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.user.UpdateProfile;
import dev.trellis.application.user.UpdateSettings;
import dev.trellis.application.user.ViewProfile;
import dev.trellis.domain.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The signed-in user's own record, profile and settings: the use cases behind {@code /api/me}. */
@Configuration(proxyBeanMethods = false)
public class ProfileConfiguration {

    @Bean
    ViewProfile viewProfile(UserRepository users) {
        return new ViewProfile(users);
    }

    @Bean
    UpdateProfile updateProfile(UserRepository users, EventOutbox outbox, Clock clock) {
        return new UpdateProfile(users, outbox, clock);
    }

    @Bean
    UpdateSettings updateSettings(UserRepository users, EventOutbox outbox, Clock clock) {
        return new UpdateSettings(users, outbox, clock);
    }
}
