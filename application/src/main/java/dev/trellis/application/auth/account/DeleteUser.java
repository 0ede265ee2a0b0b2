package dev.trellis.application.auth.account;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.password.PasswordHasher;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /delete-user}: with the password, or from a fresh session. The user row goes;
 * the database cascades to sessions, accounts, profile, settings, items and files.
 */
public class DeleteUser {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final AuthSettings settings;
    private final Clock clock;

    public DeleteUser(UserRepository users, AccountRepository accounts, PasswordHasher hasher, AuthSettings settings, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public void handle(SignedIn caller, String password) {
        if (password != null) {
            String hash = accounts.findCredential(caller.user().id()).map(account -> account.password())
                    .orElseThrow(AuthFailure::credentialAccountNotFound);
            if (hash == null || !hasher.matches(password, hash)) {
                throw AuthFailure.invalidPassword();
            }
        } else if (!caller.session().isFresh(clock.instant(), settings.freshAge())) {
            throw AuthFailure.sessionNotFresh();
        }
        users.remove(caller.user().id());
    }
}
