package dev.trellis.application.auth.internal;

import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The user behind an email address whose owner just proved control of it (a magic link or a sign-in
 * code), as Better Auth resolves it: created on first use with {@code email_verified = true}; an
 * existing user whose email was never verified first loses every account (password, social links)
 * and session made before the proof — someone else may have registered the address — and is then
 * marked verified.
 */
public final class EmailOwners {

    public record Owner(User user, boolean isNew) {
    }

    private final UserRepository users;
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final Clock clock;

    public EmailOwners(UserRepository users, AccountRepository accounts, SessionRepository sessions, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Owner signInOrSignUp(EmailAddress email, String name, String image) {
        User existing = users.findByEmail(email).orElse(null);
        if (existing == null) {
            User user = User.register(UserId.generate(), name == null ? "" : name, email, true, clock.instant());
            if (image != null) {
                WebUrl.parseOptional("image", image);
                user = user.withImage(image, user.updatedAt());
            }
            users.add(user);
            return new Owner(user, true);
        }
        if (existing.emailVerified()) {
            return new Owner(existing, false);
        }
        for (Account account : accounts.findByUser(existing.id())) {
            accounts.remove(account.id());
        }
        sessions.removeByUserExcept(existing.id(), null);
        User verified = withEmail(existing, existing.email(), true, clock.instant());
        users.update(verified);
        return new Owner(verified, false);
    }

    public static User withEmail(User user, EmailAddress email, boolean verified, Instant now) {
        return new User(user.id(), user.name(), email, verified, user.image(), user.createdAt(),
                now.truncatedTo(ChronoUnit.MICROS), user.twoFactorEnabled());
    }
}
