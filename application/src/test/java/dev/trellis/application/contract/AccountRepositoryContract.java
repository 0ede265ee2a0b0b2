package dev.trellis.application.contract;

import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountId;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class AccountRepositoryContract extends AuthPortContract {

    private static final String HASH = "0123456789abcdef0123456789abcdef:" + "ab".repeat(64);

    @Test
    void a_credential_account_reads_back_as_the_users_credential() {
        User user = aUser();
        Account credential = Account.credential(user.id(), HASH, tick().plusNanos(999_999));

        auth.accounts().add(credential);

        assertThat(auth.accounts().findCredential(user.id())).contains(credential);
        assertThat(auth.accounts().findByProvider(Account.CREDENTIAL, user.id().value())).contains(credential);
        assertThat(auth.accounts().findByUser(user.id())).containsExactly(credential);
        assertThat(credential.accountId()).isEqualTo(user.id().value());
    }

    @Test
    void a_social_account_reads_back_with_every_field() {
        User user = aUser();
        Account github = newSocialAccount(user, "github", "583231");

        auth.accounts().add(github);

        assertThat(auth.accounts().findByProvider("github", "583231")).contains(github);
        assertThat(auth.accounts().findByProvider("google", "583231")).isEmpty();
        assertThat(auth.accounts().findByProvider("github", "583232")).isEmpty();
        assertThat(auth.accounts().findCredential(user.id())).isEmpty();
    }

    @Test
    void timestamps_keep_their_milliseconds_and_empty_columns_read_as_null() {
        User user = aUser();
        Account account = new Account(AccountId.generate(), "g-1", "google", user.id(), null, null, null, null, null,
                null, null, Instant.parse("2026-03-01T10:20:30.456Z"), Instant.parse("2026-03-01T10:20:30.457Z"));

        auth.accounts().add(account);

        assertThat(auth.accounts().findByProvider("google", "g-1")).contains(account);
    }

    @Test
    void better_auth_style_ids_are_stored_and_read() {
        User user = aUser(new UserId("Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp"));
        Instant at = tick();
        Account account = new Account(new AccountId(BETTER_AUTH_ID), user.id().value(), Account.CREDENTIAL, user.id(),
                null, null, null, null, null, null, HASH, at, at);

        auth.accounts().add(account);

        assertThat(auth.accounts().findCredential(user.id())).contains(account);
        assertThat(auth.accounts().findByUser(user.id())).containsExactly(account);
    }

    @Test
    void a_users_accounts_list_oldest_first() {
        User user = aUser();
        User other = aUser();
        Account credential = Account.credential(user.id(), HASH, tick());
        Account github = newSocialAccount(user, "github", "1");
        Account google = newSocialAccount(user, "google", "2");
        auth.accounts().add(google);
        auth.accounts().add(credential);
        auth.accounts().add(github);
        auth.accounts().add(newSocialAccount(other, "github", "3"));

        assertThat(auth.accounts().findByUser(user.id())).containsExactly(credential, github, google);
        assertThat(auth.accounts().findByUser(UserId.generate())).isEmpty();
    }

    @Test
    void an_unknown_user_is_a_missing_reference_and_an_id_is_written_once() {
        User user = aUser();
        Account account = newSocialAccount(user, "github", "1");
        auth.accounts().add(account);
        Account orphan = Account.credential(UserId.generate(), HASH, tick());
        Account sameId = new Account(account.id(), "2", "google", user.id(), null, null, null, null, null, null, null,
                tick(), tick());

        assertThatThrownBy(() -> auth.accounts().add(orphan)).isInstanceOf(DataAccessFailure.MissingReference.class);
        assertThatThrownBy(() -> auth.accounts().add(sameId)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThat(auth.accounts().findCredential(orphan.userId())).isEmpty();
        assertThat(auth.accounts().findByUser(user.id())).containsExactly(account);
    }

    @Test
    void update_writes_a_new_password() {
        User user = aUser();
        Account credential = Account.credential(user.id(), HASH, tick());
        auth.accounts().add(credential);
        Account changed = credential.withPassword("fedcba9876543210fedcba9876543210:" + "cd".repeat(64), tick());

        auth.accounts().update(changed);

        assertThat(auth.accounts().findCredential(user.id())).contains(changed);
        assertThat(changed.createdAt()).isEqualTo(credential.createdAt());
    }

    @Test
    void update_writes_every_column_but_the_id_owner_and_creation_time() {
        User user = aUser();
        User other = aUser();
        Account github = newSocialAccount(user, "github", "1");
        auth.accounts().add(github);
        Instant at = tick();
        Account changed = new Account(github.id(), "1-renamed", "gitlab", other.id(), "access-2", "refresh-2", "id-2",
                at.plus(Duration.ofHours(2)), at.plus(Duration.ofDays(60)), "api", "unused", at.minusSeconds(3600), at);

        auth.accounts().update(changed);

        Account expected = new Account(github.id(), "1-renamed", "gitlab", user.id(), "access-2", "refresh-2", "id-2",
                at.plus(Duration.ofHours(2)), at.plus(Duration.ofDays(60)), "api", "unused", github.createdAt(), at);
        assertThat(auth.accounts().findByProvider("gitlab", "1-renamed")).contains(expected);
        assertThat(auth.accounts().findByProvider("github", "1")).isEmpty();
        assertThat(auth.accounts().findByUser(other.id())).isEmpty();
    }

    @Test
    void update_can_clear_the_providers_tokens() {
        User user = aUser();
        Account github = newSocialAccount(user, "github", "1");
        auth.accounts().add(github);
        Instant at = tick();
        Account cleared = new Account(github.id(), "1", "github", user.id(), null, null, null, null, null, null, null,
                github.createdAt(), at);

        auth.accounts().update(cleared);

        assertThat(auth.accounts().findByProvider("github", "1")).contains(cleared);
    }

    @Test
    void remove_removes_the_account_once() {
        User user = aUser();
        Account credential = Account.credential(user.id(), HASH, tick());
        Account github = newSocialAccount(user, "github", "1");
        auth.accounts().add(credential);
        auth.accounts().add(github);

        assertThat(auth.accounts().remove(github.id())).isTrue();
        assertThat(auth.accounts().remove(github.id())).isFalse();

        assertThat(auth.accounts().findByUser(user.id())).containsExactly(credential);
        assertThat(auth.accounts().findByProvider("github", "1")).isEmpty();
    }

    @Test
    void removing_the_user_removes_their_accounts() {
        User user = aUser();
        User other = aUser();
        auth.accounts().add(Account.credential(user.id(), HASH, tick()));
        auth.accounts().add(newSocialAccount(user, "github", "1"));
        Account others = Account.credential(other.id(), HASH, tick());
        auth.accounts().add(others);

        assertThat(auth.users().remove(user.id())).isTrue();

        assertThat(auth.accounts().findByUser(user.id())).isEmpty();
        assertThat(auth.accounts().findCredential(user.id())).isEmpty();
        assertThat(auth.accounts().findByProvider("github", "1")).isEmpty();
        assertThat(auth.accounts().findCredential(other.id())).contains(others);
    }
}
