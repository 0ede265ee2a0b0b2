package dev.trellis.application.auth.account;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/** Better Auth's {@code /update-user}: name and image (absent = unchanged, image null = removed). */
public class UpdateUser {

    public record Command(Optional<String> name, Optional<Optional<String>> image) {
    }

    private final UserRepository users;
    private final Clock clock;

    public UpdateUser(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public User handle(SignedIn caller, Command command) {
        User user = users.findById(caller.user().id()).orElseThrow(AuthFailure::unauthorized);
        if (command.name().isPresent()) {
            user = user.rename(command.name().get(), clock.instant());
        }
        if (command.image().isPresent()) {
            String image = command.image().get().orElse(null);
            WebUrl.parseOptional("image", image);
            user = user.withImage(image, clock.instant());
        }
        users.update(user);
        return user;
    }
}
