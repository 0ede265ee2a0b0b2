package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /sign-up/email}: the user (profile and settings come with it), a
 * {@code credential} account holding the scrypt hash, and a session, in one transaction.
 * When email verification is required, as Better Auth does it: no session (the answer's
 * {@code session} is null), the verification link is sent instead, and a taken email is not
 * refused but answered alike, with a made-up unverified user that is not stored, after the same
 * scrypt work, and no email.
 */
public class SignUpWithEmail {

    /** {@code callbackURL} is where the verification link leads when email verification is required. */
    public record Command(String name, String email, String password, String image, boolean rememberMe, ClientInfo client,
                          String callbackURL) {
    }

    private final UserRepository users;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuthSettings settings;
    private final Clock clock;
    private final SendVerificationEmail verification;

    public SignUpWithEmail(UserRepository users, AccountRepository accounts, PasswordHasher hasher, Sessions sessions,
                           AuthSettings settings, Clock clock, SendVerificationEmail verification) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
        this.verification = verification;
    }

    @Transactional
    public SignedIn handle(Command command) {
        EmailAddress email = email(command.email());
        settings.checkPassword(command.password());
        if (users.findByEmail(email).isPresent()) {
            if (settings.requireEmailVerification()) {
                hasher.hash(command.password()); // same cost as a real sign-up
                return new SignedIn(newUser(command, email), null, command.rememberMe());
            }
            throw AuthFailure.userExists();
        }
        User user = newUser(command, email);
        users.add(user);
        accounts.add(Account.credential(user.id(), hasher.hash(command.password()), clock.instant()));
        if (settings.requireEmailVerification()) {
            verification.sendTo(user, command.callbackURL());
            return new SignedIn(user, null, command.rememberMe());
        }
        return new SignedIn(user, sessions.open(user.id(), command.rememberMe(), command.client()), command.rememberMe());
    }

    private User newUser(Command command, EmailAddress email) {
        User user = User.register(UserId.generate(), command.name() == null ? "" : command.name(), email, false, clock.instant());
        return command.image() == null ? user : user.withImage(command.image(), user.updatedAt());
    }

    static EmailAddress email(String raw) {
        try {
            return new EmailAddress(raw);
        } catch (InvalidInput e) {
            throw AuthFailure.invalidEmail();
        }
    }
}
