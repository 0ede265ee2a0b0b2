package dev.trellis.application.auth.account;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.application.testing.SaltedSha256PasswordHasher;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account flow: the ways a user signs in (their accounts) listed and unlinked, never the last
 * one; name and image updated; the user deleted with the password or from a fresh session.
 */
class AccountFlowTest {

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final AuthSettings settings = AuthSettings.betterAuthDefaults();
    final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
    final Sessions sessions = new Sessions(store.sessionRepository, settings, clock);

    final ManageAccounts manageAccounts = new ManageAccounts(store.accountRepository, settings, clock);
    final UpdateUser updateUser = new UpdateUser(store.userRepository, clock);
    final DeleteUser deleteUser = new DeleteUser(store.userRepository, store.accountRepository, hasher, settings, clock);

    final User ada = User.register(UserId.generate(), "Ada", new EmailAddress("ada@example.com"), true, clock.instant());
    final Account password;
    final SignedIn caller;

    AccountFlowTest() {
        store.userRepository.add(ada);
        password = Account.credential(ada.id(), hasher.hash("correct horse"), clock.instant());
        store.accountRepository.add(password);
        caller = new SignedIn(ada, sessions.open(ada.id(), true, ClientInfo.UNKNOWN), true);
    }

    Account social(String provider, String providerAccountId) {
        clock.advance(Duration.ofSeconds(1));
        Account account = Account.social(ada.id(), provider, providerAccountId, "at", null, null, null, "read", clock.instant());
        store.accountRepository.add(account);
        return account;
    }

    static void assertRefused(Executable call, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Nested
    class ManageAccountsTest {

        @Test
        void the_password_and_the_social_links_are_the_callers_accounts() {
            Account github = social("github", "gh-42");
            User bob = User.register(UserId.generate(), "Bob", new EmailAddress("bob@example.com"), true, clock.instant());
            store.userRepository.add(bob);
            store.accountRepository.add(Account.credential(bob.id(), hasher.hash("bobs secret"), clock.instant()));

            assertThat(manageAccounts.list(caller)).extracting(Account::id).containsExactly(password.id(), github.id());
        }

        @Test
        void an_account_is_unlinked_by_its_row_id_or_by_provider() {
            Account github = social("github", "gh-42");
            Account google = social("google", "g-1");
            Account secondGoogle = social("google", "g-2");

            manageAccounts.unlink(caller, github.id().value(), null);
            manageAccounts.unlink(caller, "g-2", "google");

            assertThat(store.accountRepository.findByUser(ada.id())).extracting(Account::id)
                    .containsExactly(password.id(), google.id())
                    .doesNotContain(secondGoogle.id());

            manageAccounts.unlink(caller, null, "google");
            assertThat(store.accountRepository.findByUser(ada.id())).extracting(Account::id).containsExactly(password.id());
        }

        @Test
        void the_last_account_is_never_unlinked() {
            assertThatThrownBy(() -> manageAccounts.unlink(caller, password.id().value(), null))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> {
                        assertThat(e.code()).isEqualTo("FAILED_TO_UNLINK_LAST_ACCOUNT");
                        assertThat(e.kind()).isEqualTo(AuthFailure.Kind.BAD_REQUEST);
                    });
            assertThat(store.accountRepository.findByUser(ada.id())).containsExactly(password);
        }

        @Test
        void an_account_that_is_not_the_callers_is_not_found() {
            social("github", "gh-42");
            User bob = User.register(UserId.generate(), "Bob", new EmailAddress("bob@example.com"), true, clock.instant());
            store.userRepository.add(bob);
            Account bobs = Account.credential(bob.id(), hasher.hash("bobs secret"), clock.instant());
            store.accountRepository.add(bobs);

            assertRefused(() -> manageAccounts.unlink(caller, bobs.id().value(), null), "ACCOUNT_NOT_FOUND");
            assertRefused(() -> manageAccounts.unlink(caller, null, "gitlab"), "ACCOUNT_NOT_FOUND");
            assertThat(store.accountRepository.findByUser(bob.id())).containsExactly(bobs);
            assertThat(store.accountRepository.findByUser(ada.id())).hasSize(2);
        }

        @Test
        void unlinking_needs_a_session_younger_than_a_day() {
            Account github = social("github", "gh-42");
            clock.set(caller.session().createdAt().plus(Duration.ofDays(1)).plusMillis(1));

            assertRefused(() -> manageAccounts.unlink(caller, github.id().value(), null), "SESSION_NOT_FRESH");
            assertThat(store.accountRepository.findByUser(ada.id())).hasSize(2);
        }
    }

    @Nested
    class UpdateUserTest {

        @Test
        void name_and_image_change_and_absent_fields_stay() {
            clock.advance(Duration.ofMinutes(1));
            User renamed = updateUser.handle(caller, new UpdateUser.Command(Optional.of("Ada Lovelace"), Optional.empty()));
            User pictured = updateUser.handle(caller, new UpdateUser.Command(Optional.empty(),
                    Optional.of(Optional.of("https://example.com/ada.png"))));

            assertThat(renamed.name()).isEqualTo("Ada Lovelace");
            assertThat(renamed.updatedAt()).isEqualTo(clock.instant());
            User stored = store.userRepository.findById(ada.id()).orElseThrow();
            assertThat(stored).isEqualTo(pictured);
            assertThat(stored.name()).isEqualTo("Ada Lovelace");
            assertThat(stored.image()).isEqualTo("https://example.com/ada.png");
            assertThat(stored.email()).isEqualTo(ada.email());
        }

        @Test
        void an_image_given_as_null_is_removed() {
            updateUser.handle(caller, new UpdateUser.Command(Optional.empty(), Optional.of(Optional.of("https://example.com/a.png"))));

            updateUser.handle(caller, new UpdateUser.Command(Optional.empty(), Optional.of(Optional.empty())));

            assertThat(store.userRepository.findById(ada.id()).orElseThrow().image()).isNull();
        }

        @Test
        void an_image_that_is_not_a_web_url_or_a_name_too_long_is_refused_and_nothing_changes() {
            assertThatThrownBy(() -> updateUser.handle(caller, new UpdateUser.Command(Optional.empty(),
                    Optional.of(Optional.of("javascript:alert(1)"))))).isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> updateUser.handle(caller, new UpdateUser.Command(
                    Optional.of("x".repeat(User.MAX_NAME_LENGTH + 1)), Optional.empty()))).isInstanceOf(InvalidInput.class);

            assertThat(store.userRepository.findById(ada.id())).contains(ada);
        }

        @Test
        void a_user_deleted_meanwhile_is_unauthorized() {
            store.userRepository.remove(ada.id());

            assertRefused(() -> updateUser.handle(caller, new UpdateUser.Command(Optional.of("Ghost"), Optional.empty())),
                    "UNAUTHORIZED");
        }
    }

    @Nested
    class DeleteUserTest {

        @Test
        void from_a_fresh_session_the_user_goes_with_their_sessions_and_accounts() {
            social("github", "gh-42");

            deleteUser.handle(caller, null);

            assertThat(store.userRepository.findById(ada.id())).isEmpty();
            assertThat(store.accountRepository.findByUser(ada.id())).isEmpty();
            assertThat(store.sessionRepository.findByToken(caller.session().token())).isEmpty();
        }

        @Test
        void a_session_older_than_a_day_needs_the_password() {
            clock.set(caller.session().createdAt().plus(Duration.ofDays(1)).plusMillis(1));

            assertThatThrownBy(() -> deleteUser.handle(caller, null)).isInstanceOfSatisfying(AuthFailure.class, e -> {
                assertThat(e.code()).isEqualTo("SESSION_NOT_FRESH");
                assertThat(e.kind()).isEqualTo(AuthFailure.Kind.FORBIDDEN);
            });
            assertRefused(() -> deleteUser.handle(caller, "wrong horse"), "INVALID_PASSWORD");
            assertThat(store.userRepository.findById(ada.id())).isPresent();

            deleteUser.handle(caller, "correct horse");
            assertThat(store.userRepository.findById(ada.id())).isEmpty();
        }

        @Test
        void a_password_is_checked_even_from_a_fresh_session() {
            assertRefused(() -> deleteUser.handle(caller, "wrong horse"), "INVALID_PASSWORD");
            assertThat(store.userRepository.findById(ada.id())).isPresent();
        }

        @Test
        void a_user_without_a_password_cannot_give_one() {
            store.accountRepository.remove(password.id());
            social("github", "gh-42");

            assertRefused(() -> deleteUser.handle(caller, "anything"), "CREDENTIAL_ACCOUNT_NOT_FOUND");
            assertThat(store.userRepository.findById(ada.id())).isPresent();
        }
    }
}
