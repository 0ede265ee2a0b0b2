package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.testing.HmacEmailVerificationTokens;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.application.testing.RecordingMailer;
import dev.trellis.application.testing.SaltedSha256PasswordHasher;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The password flow: sign up with email and password (user, credential account and session at
 * once), sign in, change the password, and reset a forgotten one through a single-use emailed link.
 */
class PasswordFlowTest {

    static final String BASE = "http://localhost:3000/api/auth";
    static final Pattern RESET_LINK = Pattern.compile(Pattern.quote(BASE) + "/reset-password/([A-Za-z0-9]{24})\\?callbackURL=(\\S*)");

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final AuthSettings settings = AuthSettings.betterAuthDefaults();
    final EmailFlowSettings emailSettings = EmailFlowSettings.betterAuthDefaults(BASE + "/");
    final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
    final RecordingMailer mailer = new RecordingMailer();
    final Sessions sessions = new Sessions(store.sessionRepository, settings, clock);

    final SendVerificationEmail verification = new SendVerificationEmail(store.userRepository,
            new HmacEmailVerificationTokens("the shared secret", clock), mailer, emailSettings);
    final SignUpWithEmail signUp = new SignUpWithEmail(store.userRepository, store.accountRepository, hasher, sessions, settings, clock,
            verification);
    final SignInWithEmail signIn = new SignInWithEmail(store.userRepository, store.accountRepository, hasher, sessions,
            settings, verification);
    final ChangePassword changePassword = new ChangePassword(store.accountRepository, store.sessionRepository, hasher,
            sessions, settings, clock);
    final RequestPasswordReset requestReset = new RequestPasswordReset(store.userRepository, store.verificationRepository,
            mailer, emailSettings, clock);
    final ResetPassword resetPassword = new ResetPassword(store.userRepository, store.accountRepository,
            store.verificationRepository, hasher, settings, clock);

    SignedIn signUp(String email, String password) {
        return signUp.handle(new SignUpWithEmail.Command("Ada", email, password, null, true, ClientInfo.UNKNOWN, null));
    }

    SignedIn signIn(String email, String password) {
        return signIn.handle(new SignInWithEmail.Command(email, password, true, ClientInfo.UNKNOWN, null));
    }

    Optional<Session> stored(Session session) {
        return store.sessionRepository.findByToken(session.token());
    }

    static void assertRefused(Executable call, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Nested
    class SignUpWithEmailTest {

        @Test
        void signing_up_makes_an_unverified_user_a_credential_account_with_the_hash_and_a_session() {
            SignedIn signedIn = signUp.handle(new SignUpWithEmail.Command("Ada Lovelace", "Ada@Example.com", "correct horse",
                    "https://example.com/ada.png", true, new ClientInfo("203.0.113.7", "JUnit"), null));

            User user = store.userRepository.findById(signedIn.user().id()).orElseThrow();
            assertThat(user.name()).isEqualTo("Ada Lovelace");
            assertThat(user.email().value()).isEqualTo("ada@example.com");
            assertThat(user.emailVerified()).isFalse();
            assertThat(user.image()).isEqualTo("https://example.com/ada.png");

            Account credential = store.accountRepository.findByUser(user.id()).stream().findFirst().orElseThrow();
            assertThat(store.accountRepository.findByUser(user.id())).hasSize(1);
            assertThat(credential.providerId()).isEqualTo("credential");
            assertThat(credential.accountId()).isEqualTo(user.id().value());
            assertThat(credential.password()).isNotEqualTo("correct horse");
            assertThat(hasher.matches("correct horse", credential.password())).isTrue();

            Session session = stored(signedIn.session()).orElseThrow();
            assertThat(session.userId()).isEqualTo(user.id());
            assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(session.ipAddress()).isEqualTo("203.0.113.7");
            assertThat(signedIn.rememberMe()).isTrue();
        }

        @Test
        void an_address_already_registered_in_any_case_is_refused_and_nothing_is_written() {
            SignedIn first = signUp("ada@example.com", "correct horse");

            assertThatThrownBy(() -> signUp("ADA@example.com", "another secret"))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> {
                        assertThat(e.code()).isEqualTo("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
                        assertThat(e.kind()).isEqualTo(AuthFailure.Kind.UNPROCESSABLE);
                    });
            assertThat(store.accountRepository.findByUser(first.user().id())).hasSize(1);
            assertThat(store.sessionRepository.findByUser(first.user().id())).hasSize(1);
            assertThat(signIn("ada@example.com", "correct horse").user().id()).isEqualTo(first.user().id());
        }

        @Test
        void passwords_are_8_to_128_characters() {
            assertRefused(() -> signUp("short@example.com", "7 chars"), "PASSWORD_TOO_SHORT");
            assertRefused(() -> signUp("null@example.com", null), "PASSWORD_TOO_SHORT");
            assertRefused(() -> signUp("long@example.com", "x".repeat(129)), "PASSWORD_TOO_LONG");
            assertThat(store.userRepository.findByEmail(new EmailAddress("short@example.com"))).isEmpty();
            assertThat(store.userRepository.findByEmail(new EmailAddress("long@example.com"))).isEmpty();

            assertThat(signUp("eight@example.com", "8 chars!").user().email().value()).isEqualTo("eight@example.com");
            assertThat(signUp("max@example.com", "x".repeat(128)).user().email().value()).isEqualTo("max@example.com");
        }

        @Test
        void a_malformed_address_is_invalid_email() {
            assertRefused(() -> signUp("not-an-address", "correct horse"), "INVALID_EMAIL");
            assertRefused(() -> signUp(null, "correct horse"), "INVALID_EMAIL");
        }
    }

    @Nested
    class SignInWithEmailTest {

        @Test
        void the_right_password_opens_a_new_session() {
            SignedIn signedUp = signUp("ada@example.com", "correct horse");

            SignedIn signedIn = signIn.handle(new SignInWithEmail.Command("Ada@Example.com", "correct horse", false,
                    ClientInfo.UNKNOWN, null));

            assertThat(signedIn.user().id()).isEqualTo(signedUp.user().id());
            assertThat(signedIn.session().token()).isNotEqualTo(signedUp.session().token());
            assertThat(stored(signedIn.session()).orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
            assertThat(signedIn.rememberMe()).isFalse();
            assertThat(store.sessionRepository.findByUser(signedUp.user().id())).hasSize(2);
        }

        @Test
        void a_wrong_password_and_an_unknown_address_fail_alike_at_the_same_cost_and_open_no_session() {
            SignedIn ada = signUp("ada@example.com", "correct horse");

            int before = hasher.hashes();
            assertThatThrownBy(() -> signIn("ada@example.com", "wrong horse")).isInstanceOfSatisfying(AuthFailure.class, e -> {
                assertThat(e.code()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
                assertThat(e.kind()).isEqualTo(AuthFailure.Kind.UNAUTHORIZED);
            });
            assertThatThrownBy(() -> signIn("nobody@example.com", "correct horse")).isInstanceOfSatisfying(AuthFailure.class, e -> {
                assertThat(e.code()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
                assertThat(e.kind()).isEqualTo(AuthFailure.Kind.UNAUTHORIZED);
            });
            assertThat(hasher.hashes() - before).as("the unknown address costs one hash").isEqualTo(1);
            assertRefused(() -> signIn("ada@example.com", null), "INVALID_EMAIL_OR_PASSWORD");
            assertThat(store.sessionRepository.findByUser(ada.user().id())).hasSize(1);
        }

        @Test
        void a_user_without_a_password_cannot_sign_in_with_one() {
            User magicLinkUser = User.register(UserId.generate(), "", new EmailAddress("link@example.com"), true, clock.instant());
            store.userRepository.add(magicLinkUser);

            assertRefused(() -> signIn("link@example.com", "any password"), "INVALID_EMAIL_OR_PASSWORD");
        }
    }

    @Nested
    class ChangePasswordTest {

        final SignedIn ada = signUp("ada@example.com", "correct horse");
        final Session phone = signIn("ada@example.com", "correct horse").session();

        @Test
        void the_current_password_must_match_and_nothing_changes_otherwise() {
            String hashBefore = store.accountRepository.findCredential(ada.user().id()).orElseThrow().password();

            assertThatThrownBy(() -> changePassword.handle(ada,
                    new ChangePassword.Command("wrong horse", "battery staple", true, ClientInfo.UNKNOWN)))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_PASSWORD");
                        assertThat(e.kind()).isEqualTo(AuthFailure.Kind.BAD_REQUEST);
                    });
            assertThat(store.accountRepository.findCredential(ada.user().id()).orElseThrow().password()).isEqualTo(hashBefore);
            assertThat(stored(phone)).isPresent();
        }

        @Test
        void the_new_password_replaces_the_old_one_and_sessions_stay_unless_asked() {
            Optional<Session> opened = changePassword.handle(ada,
                    new ChangePassword.Command("correct horse", "battery staple", false, ClientInfo.UNKNOWN));

            assertThat(opened).isEmpty();
            assertRefused(() -> signIn("ada@example.com", "correct horse"), "INVALID_EMAIL_OR_PASSWORD");
            assertThat(signIn("ada@example.com", "battery staple").user().id()).isEqualTo(ada.user().id());
            assertThat(stored(ada.session())).isPresent();
            assertThat(stored(phone)).isPresent();
        }

        @Test
        void revoking_other_sessions_ends_every_session_including_the_current_one_and_opens_a_new_one() {
            Optional<Session> opened = changePassword.handle(ada,
                    new ChangePassword.Command("correct horse", "battery staple", true, ClientInfo.UNKNOWN));

            Session replacement = opened.orElseThrow();
            assertThat(stored(phone)).isEmpty();
            assertThat(stored(ada.session())).isEmpty();
            assertThat(store.sessionRepository.findByUser(ada.user().id())).extracting(Session::id)
                    .containsExactly(replacement.id());
            assertThat(replacement.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        }

        @Test
        void the_new_password_is_checked_for_length_first() {
            assertRefused(() -> changePassword.handle(ada,
                    new ChangePassword.Command("correct horse", "short", false, ClientInfo.UNKNOWN)), "PASSWORD_TOO_SHORT");
            assertThat(signIn("ada@example.com", "correct horse").user().id()).isEqualTo(ada.user().id());
        }

        @Test
        void a_user_without_a_password_has_none_to_change() {
            User linkUser = User.register(UserId.generate(), "", new EmailAddress("link@example.com"), true, clock.instant());
            store.userRepository.add(linkUser);
            SignedIn caller = new SignedIn(linkUser, sessions.open(linkUser.id(), true, ClientInfo.UNKNOWN), true);

            assertRefused(() -> changePassword.handle(caller,
                    new ChangePassword.Command("anything", "battery staple", false, ClientInfo.UNKNOWN)),
                    "CREDENTIAL_ACCOUNT_NOT_FOUND");
            assertThat(store.accountRepository.findByUser(linkUser.id())).isEmpty();
        }
    }

    @Nested
    class ResetPasswordTest {

        final SignedIn ada = signUp("ada@example.com", "correct horse");

        String requestResetToken() {
            requestReset.handle(new EmailAddress("ada@example.com"), "https://app.example.com/reset?from=mail");
            Matcher link = RESET_LINK.matcher(mailer.last().text());
            assertThat(link.find()).as("a reset link in " + mailer.last().text()).isTrue();
            return link.group(1);
        }

        @Test
        void a_reset_request_mails_a_one_hour_link_whose_token_names_the_user() {
            requestReset.handle(new EmailAddress("Ada@Example.com"), "https://app.example.com/reset?from=mail");

            MailMessage mail = mailer.last();
            assertThat(mailer.sent()).hasSize(1);
            assertThat(mail.to()).isEqualTo("ada@example.com");
            assertThat(mail.subject()).isEqualTo("Reset your password");
            assertThat(mail.text()).contains("within 1 hour");
            Matcher link = RESET_LINK.matcher(mail.text());
            assertThat(link.find()).isTrue();
            assertThat(link.group(2)).isEqualTo("https%3A%2F%2Fapp.example.com%2Freset%3Ffrom%3Dmail");

            Verification row = store.verificationRepository.findByIdentifier("reset-password:" + link.group(1)).orElseThrow();
            assertThat(row.value()).isEqualTo(ada.user().id().value());
            assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
            assertThat(resetPassword.isUsable(link.group(1))).isTrue();
        }

        @Test
        void an_unknown_address_gets_no_mail_and_no_token() {
            requestReset.handle(new EmailAddress("nobody@example.com"), null);

            assertThat(mailer.sent()).isEmpty();
            // purging as if a year had passed counts every row there is: none
            assertThat(store.verificationRepository.removeExpired(clock.instant().plus(Duration.ofDays(365)), 100)).isZero();
        }

        @Test
        void the_token_sets_the_new_password_once_and_sessions_stay() {
            String token = requestResetToken();

            resetPassword.handle(token, "battery staple");

            assertThat(signIn("ada@example.com", "battery staple").user().id()).isEqualTo(ada.user().id());
            assertRefused(() -> signIn("ada@example.com", "correct horse"), "INVALID_EMAIL_OR_PASSWORD");
            assertThat(stored(ada.session())).isPresent();
            assertThat(resetPassword.isUsable(token)).isFalse();
            assertThatThrownBy(() -> resetPassword.handle(token, "third password"))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_TOKEN");
                        assertThat(e.kind()).isEqualTo(AuthFailure.Kind.BAD_REQUEST);
                    });
            assertThat(signIn("ada@example.com", "battery staple").user().id()).isEqualTo(ada.user().id());
        }

        @Test
        void a_token_works_through_its_last_instant_and_is_refused_and_deleted_after() {
            String token = requestResetToken();
            String other = requestResetToken();

            clock.advance(Duration.ofHours(1));
            assertThat(resetPassword.isUsable(token)).isTrue();
            resetPassword.handle(other, "battery staple");

            clock.advance(Duration.ofMillis(1));
            assertThat(resetPassword.isUsable(token)).isFalse();
            assertRefused(() -> resetPassword.handle(token, "too late now"), "INVALID_TOKEN");
            assertThat(store.verificationRepository.findByIdentifier("reset-password:" + token)).isEmpty();
            assertThat(signIn("ada@example.com", "battery staple").user().id()).isEqualTo(ada.user().id());
        }

        @Test
        void a_new_password_of_the_wrong_length_is_refused_and_the_token_still_works() {
            String token = requestResetToken();

            assertRefused(() -> resetPassword.handle(token, "short"), "PASSWORD_TOO_SHORT");

            assertThat(resetPassword.isUsable(token)).isTrue();
            resetPassword.handle(token, "battery staple");
            assertThat(signIn("ada@example.com", "battery staple").user().id()).isEqualTo(ada.user().id());
        }

        @Test
        void an_unknown_token_is_invalid() {
            assertRefused(() -> resetPassword.handle("abcdefghijklmnopqrstuvwx", "battery staple"), "INVALID_TOKEN");
        }

        @Test
        void a_user_without_a_password_gets_a_credential_account() {
            User linkUser = User.register(UserId.generate(), "", new EmailAddress("link@example.com"), true, clock.instant());
            store.userRepository.add(linkUser);
            requestReset.handle(linkUser.email(), null);
            Matcher link = RESET_LINK.matcher(mailer.last().text());
            assertThat(link.find()).isTrue();
            assertThat(link.group(2)).isEmpty();

            resetPassword.handle(link.group(1), "battery staple");

            assertThat(store.accountRepository.findCredential(linkUser.id())).isPresent();
            assertThat(signIn("link@example.com", "battery staple").user().id()).isEqualTo(linkUser.id());
        }
    }
}
