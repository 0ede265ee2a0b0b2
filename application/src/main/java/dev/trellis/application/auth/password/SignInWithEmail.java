package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.ClientInfo;
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
 * password and fails the same way, so the answer does not tell which emails have accounts.
 */
public class SignInWithEmail {

    public record Command(String email, String password, boolean rememberMe, ClientInfo client) {
    }

    private final UserRepository users;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Sessions sessions;

    public SignInWithEmail(UserRepository users, AccountRepository accounts, PasswordHasher hasher, Sessions sessions) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    @Transactional
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
        return new SignedIn(user.get(), sessions.open(user.get().id(), command.rememberMe(), command.client()),
                command.rememberMe());
    }
}
