package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Better Auth's {@code /change-password}: the current password must match. With
 * {@code revokeOtherSessions}, every session of the user ends and a new one is opened (its token
 * is returned); otherwise the sessions stay.
 */
public class ChangePassword {

    public record Command(String currentPassword, String newPassword, boolean revokeOtherSessions, ClientInfo client) {
    }

    private final AccountRepository accounts;
    private final SessionRepository sessionRows;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuthSettings settings;
    private final Clock clock;

    public ChangePassword(AccountRepository accounts, SessionRepository sessionRows, PasswordHasher hasher,
                          Sessions sessions, AuthSettings settings, Clock clock) {
        this.accounts = accounts;
        this.sessionRows = sessionRows;
        this.hasher = hasher;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns the new session when the others were revoked. */
    @Transactional
    public Optional<Session> handle(SignedIn caller, Command command) {
        settings.checkPassword(command.newPassword());
        Account credential = accounts.findCredential(caller.user().id())
                .filter(account -> account.password() != null)
                .orElseThrow(AuthFailure::credentialAccountNotFound);
        if (command.currentPassword() == null || !hasher.matches(command.currentPassword(), credential.password())) {
            throw AuthFailure.invalidPassword();
        }
        accounts.update(credential.withPassword(hasher.hash(command.newPassword()), clock.instant()));
        if (!command.revokeOtherSessions()) {
            return Optional.empty();
        }
        sessionRows.removeByUserExcept(caller.user().id(), null);
        return Optional.of(sessions.open(caller.user().id(), caller.rememberMe(), command.client()));
    }
}
