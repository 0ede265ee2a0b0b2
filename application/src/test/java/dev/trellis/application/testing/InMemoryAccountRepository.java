package dev.trellis.application.testing;

import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountId;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.UserId;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryAccountRepository implements AccountRepository {

    private static final Comparator<Account> OLDEST_FIRST = Comparator.comparing(Account::createdAt)
            .thenComparing(account -> account.id().value());

    private final InMemoryStore store;

    InMemoryAccountRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(Account account) {
        if (store.accounts.containsKey(account.id())) {
            throw new DataAccessFailure.DuplicateValue("account_pkey", null);
        }
        if (!store.users.containsKey(account.userId())) {
            throw new DataAccessFailure.MissingReference("account_user_id_fkey", null);
        }
        store.accounts.put(account.id(), account);
    }

    @Override
    public Optional<Account> findCredential(UserId user) {
        return findByUser(user).stream().filter(Account::isCredential).findFirst();
    }

    @Override
    public Optional<Account> findByProvider(String providerId, String accountId) {
        return store.accounts.values().stream()
                .filter(account -> account.providerId().equals(providerId) && account.accountId().equals(accountId))
                .min(OLDEST_FIRST);
    }

    @Override
    public List<Account> findByUser(UserId user) {
        return store.accounts.values().stream().filter(account -> account.userId().equals(user)).sorted(OLDEST_FIRST).toList();
    }

    /** Writes every column but id, user id and created at. */
    @Override
    public void update(Account account) {
        store.accounts.computeIfPresent(account.id(), (id, current) -> new Account(current.id(), account.accountId(),
                account.providerId(), current.userId(), account.accessToken(), account.refreshToken(), account.idToken(),
                account.accessTokenExpiresAt(), account.refreshTokenExpiresAt(), account.scope(), account.password(),
                current.createdAt(), account.updatedAt()));
    }

    @Override
    public boolean remove(AccountId id) {
        return store.accounts.remove(id) != null;
    }
}
