package dev.trellis.application.auth.internal;

import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.shared.UserId;

import java.time.Instant;

/** Better Auth's {@code resetCredentialPassword}: the credential account gets the new hash, and is created if there was none. */
public final class CredentialPasswords {

    private CredentialPasswords() {
    }

    public static void set(AccountRepository accounts, UserId user, String hash, Instant now) {
        accounts.findCredential(user).ifPresentOrElse(
                credential -> accounts.update(credential.withPassword(hash, now)),
                () -> accounts.add(Account.credential(user, hash, now)));
    }
}
