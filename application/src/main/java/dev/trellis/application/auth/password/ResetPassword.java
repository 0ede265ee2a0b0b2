package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.internal.CredentialPasswords;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.internal.SingleUse;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Better Auth's {@code /reset-password}: the token of a reset email sets a new password on the
 * user's credential account (made if the user had none, e.g. after a magic-link sign-up). The token
 * works once; an expired one is refused and deleted. Sessions stay (Better Auth's
 * {@code revokeSessionsOnPasswordReset} is off by default).
 */
public class ResetPassword {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final VerificationRepository verifications;
    private final PasswordHasher hasher;
    private final AuthSettings settings;
    private final Clock clock;

    public ResetPassword(UserRepository users, AccountRepository accounts, VerificationRepository verifications,
                         PasswordHasher hasher, AuthSettings settings, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.verifications = verifications;
        this.hasher = hasher;
        this.settings = settings;
        this.clock = clock;
    }

    static String identifier(String token) {
        return "reset-password:" + token;
    }

    /** Whether the link of a reset email still works (the GET that forwards to the app's reset page). */
    @Transactional(readOnly = true)
    public boolean isUsable(String token) {
        Instant now = clock.instant();
        return verifications.findByIdentifier(identifier(token)).filter(row -> !row.isExpired(now)).isPresent();
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public void handle(String token, String newPassword) {
        settings.checkPassword(newPassword);
        String identifier = identifier(token);
        Instant now = clock.instant();
        Verification row = verifications.findByIdentifier(identifier).orElseThrow(EmailFlowFailures::invalidToken);
        if (row.isExpired(now)) {
            verifications.removeByIdentifier(identifier);
            throw EmailFlowFailures.invalidToken();
        }
        User user = userOf(row).orElseThrow(EmailFlowFailures::userNotFound);
        String hash = hasher.hash(newPassword);
        if (SingleUse.consume(verifications, identifier, now).isEmpty()) {
            throw EmailFlowFailures.invalidToken(); // another request used it meanwhile
        }
        CredentialPasswords.set(accounts, user.id(), hash, now);
    }

    private Optional<User> userOf(Verification row) {
        try {
            return users.findById(new UserId(row.value()));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }
}
