package dev.trellis.application.auth.account;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.SocialFailures;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Better Auth's {@code /list-accounts} and {@code /unlink-account}: the caller's accounts (the
 * password is one, {@code credential}); unlinking needs a fresh session and never removes the
 * last account, so nobody is locked out.
 */
public class ManageAccounts {

    private final AccountRepository accounts;
    private final AuthSettings settings;
    private final Clock clock;

    public ManageAccounts(AccountRepository accounts, AuthSettings settings, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Account> list(SignedIn caller) {
        return accounts.findByUser(caller.user().id());
    }

    /**
     * Better Auth 1.7 names the account by its row id ({@code accountId}); older clients send
     * {@code providerId} and optionally the provider's {@code accountId}, which is honoured too.
     */
    @Transactional
    public void unlink(SignedIn caller, String accountId, String providerId) {
        if (!caller.session().isFresh(clock.instant(), settings.freshAge())) {
            throw AuthFailure.sessionNotFresh();
        }
        List<Account> own = accounts.findByUser(caller.user().id());
        if (own.size() == 1) {
            throw SocialFailures.lastAccount();
        }
        Account account = own.stream()
                .filter(candidate -> providerId == null
                        ? candidate.id().value().equals(accountId)
                        : candidate.providerId().equals(providerId) && (accountId == null || candidate.accountId().equals(accountId)))
                .findFirst()
                .orElseThrow(SocialFailures::accountNotFound);
        accounts.remove(account.id());
    }
}
