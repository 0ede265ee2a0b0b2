package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * Better Auth's {@code /sign-in/email}. An unknown email costs the same scrypt hash as a wrong
 * password and fails the same way, so the answer does not tell which emails have accounts. When
 * email verification is required, the right password of an unverified user opens no session: the
 * user gets a fresh verification link (Better Auth's {@code sendOnSignIn}) and the answer is 403
 * {@code EMAIL_NOT_VERIFIED}. Nothing is written before a refusal, so the transaction commits on one
 * and the link leaves.
 */
public class SignInWithEmail {

    /** {@code callbackURL} is where the verification link leads when the email is not verified yet. */
    public record Command(String email, String password, boolean rememberMe, ClientInfo client, String callbackURL) {
    }

    private final UserRepository users;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuthSettings settings;
    private final SendVerificationEmail verification;

    public SignInWithEmail(UserRepository users, AccountRepository accounts, PasswordHasher hasher, Sessions sessions,
                           AuthSettings settings, SendVerificationEmail verification) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.settings = settings;
        this.verification = verification;
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public SignedIn handle(Command command) {
        Optional<User> user = users.findByEmail(SignUpWithEmail.email(command.email()));
        Optional<String> hash = user.flatMap(found -> accounts.findCredential(found.id())).map(Account::password);
        if (hash.isEmpty()) {
            hasher.hash(command.password() == null ? "" : command.password()); // same cost as a real check
            throw AuthFailure.invalidCredentials();
        }
        if (command.password() == null || !hasher.matches(command.password(), hash.get())) {
            throw AuthFailure.invalidCredentials();
        }
        if (settings.requireEmailVerification() && !user.get().emailVerified()) {
            verification.sendTo(user.get(), command.callbackURL());
            throw AuthFailure.emailNotVerified();
        }
        return new SignedIn(user.get(), sessions.open(user.get().id(), command.rememberMe(), command.client()),
                command.rememberMe());
    }
}
