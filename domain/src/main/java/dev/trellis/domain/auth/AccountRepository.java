package dev.trellis.domain.auth;

import dev.trellis.domain.shared.UserId;

import java.util.List;
import java.util.Optional;

/** Better Auth's {@code account} table. Port; adapters implement it. */
public interface AccountRepository {

    void add(Account account);

    /** The user's account with {@code provider_id = 'credential'} (the password). */
    Optional<Account> findCredential(UserId user);

    Optional<Account> findByProvider(String providerId, String accountId);

    List<Account> findByUser(UserId user);

    void update(Account account);

    boolean remove(AccountId id);
}
