package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.mail.MailMessage;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-time code flow: a 6-digit code per purpose (sign-in, email verification, password reset)
 * and address, mailed, valid 5 minutes, 3 wrong guesses allowed, used up by the flow it was made for.
 * The code rules at their exact boundaries are in {@link EmailOtpsTest}.
 */
class OtpFlowTest {

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final AuthSettings authSettings = AuthSettings.betterAuthDefaults();
    final EmailFlowSettings settings = EmailFlowSettings.betterAuthDefaults("http://localhost:3000/api/auth");
    final RecordingMailer mailer = new RecordingMailer();
    final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
    final Sessions sessions = new Sessions(store.sessionRepository, authSettings, clock);

    final SendEmailOtp send = new SendEmailOtp(store.userRepository, store.verificationRepository, mailer, settings, clock);
    final CheckEmailOtp check = new CheckEmailOtp(store.verificationRepository, store.userRepository, settings, clock);
    final SignInWithEmailOtp signIn = new SignInWithEmailOtp(store.verificationRepository, store.userRepository,
            store.accountRepository, store.sessionRepository, sessions, settings, clock);
    final VerifyEmailWithOtp verifyEmail = new VerifyEmailWithOtp(store.verificationRepository, store.userRepository,
            settings, clock);
    final ResetPasswordWithEmailOtp resetPassword = new ResetPasswordWithEmailOtp(store.verificationRepository,
            store.userRepository, store.accountRepository, hasher, authSettings, settings, clock);

    final EmailAddress adaEmail = new EmailAddress("ada@example.com");

    User user(EmailAddress email, boolean verified) {
        User user = User.register(UserId.generate(), "Ada", email, verified, clock.instant());
        store.userRepository.add(user);
        return user;
    }

    User reloaded(User user) {
        return store.userRepository.findById(user.id()).orElseThrow();
    }

    String codeFor(EmailOtpType type) {
        send.handle(adaEmail, type);
        return mailer.lastCode();
    }

    Optional<String> row(EmailOtpType type) {
        return store.verificationRepository.findByIdentifier(type.wireName() + "-otp-ada@example.com").map(Verification::value);
    }

    static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    static void assertRefused(Executable call, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Nested
    class SendEmailOtpTest {

        @Test
        void a_known_address_gets_a_six_digit_code_valid_five_minutes_with_the_purpose_in_the_subject() {
            user(adaEmail, false);

            String code = codeFor(EmailOtpType.EMAIL_VERIFICATION);

            MailMessage mail = mailer.last();
            assertThat(mail.to()).isEqualTo("ada@example.com");
            assertThat(mail.subject()).isEqualTo("Your email verification code");
            assertThat(mail.text()).contains("valid for 5 minutes");
            assertThat(code).matches("\\d{6}");
            Verification row = store.verificationRepository.findByIdentifier("email-verification-otp-ada@example.com").orElseThrow();
            assertThat(row.value()).isEqualTo(code + ":0");
            assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

            codeFor(EmailOtpType.FORGET_PASSWORD);
            assertThat(mailer.last().subject()).isEqualTo("Your password reset code");
        }

        @Test
        void a_new_code_replaces_the_earlier_one_of_the_same_purpose_only() {
            user(adaEmail, false);
            String verificationCode = codeFor(EmailOtpType.EMAIL_VERIFICATION);
            codeFor(EmailOtpType.FORGET_PASSWORD);
            String newer = codeFor(EmailOtpType.FORGET_PASSWORD);

            assertThat(row(EmailOtpType.FORGET_PASSWORD)).contains(newer + ":0");
            assertThat(row(EmailOtpType.EMAIL_VERIFICATION)).contains(verificationCode + ":0");
            assertThat(store.verificationRepository.removeByIdentifier("forget-password-otp-ada@example.com")).isEqualTo(1);
        }

        @Test
        void an_unknown_address_gets_a_sign_in_code_but_nothing_else() {
            send.handle(adaEmail, EmailOtpType.FORGET_PASSWORD);
            send.handle(adaEmail, EmailOtpType.EMAIL_VERIFICATION);

            assertThat(mailer.sent()).isEmpty();
            assertThat(row(EmailOtpType.FORGET_PASSWORD)).isEmpty();
            assertThat(row(EmailOtpType.EMAIL_VERIFICATION)).isEmpty();

            send.handle(adaEmail, EmailOtpType.SIGN_IN);
            assertThat(mailer.last().subject()).isEqualTo("Your sign-in code");
            assertThat(row(EmailOtpType.SIGN_IN)).contains(mailer.lastCode() + ":0");
        }
    }

    @Nested
    class CheckEmailOtpTest {

        @Test
        void a_right_code_is_confirmed_and_kept_for_the_flow_that_uses_it() {
            User ada = user(adaEmail, true);
            String code = codeFor(EmailOtpType.FORGET_PASSWORD);

            check.handle(adaEmail, EmailOtpType.FORGET_PASSWORD, code);
            check.handle(adaEmail, EmailOtpType.FORGET_PASSWORD, code);

            assertThat(row(EmailOtpType.FORGET_PASSWORD)).contains(code + ":0");
            resetPassword.handle(adaEmail, code, "battery staple");
            assertThat(hasher.matches("battery staple",
                    store.accountRepository.findCredential(ada.id()).orElseThrow().password())).isTrue();
        }

        @Test
        void a_wrong_guess_counts_against_the_code() {
            user(adaEmail, true);
            String code = codeFor(EmailOtpType.FORGET_PASSWORD);

            assertRefused(() -> check.handle(adaEmail, EmailOtpType.FORGET_PASSWORD, wrong(code)), "INVALID_OTP");
            assertThat(row(EmailOtpType.FORGET_PASSWORD)).contains(code + ":1");
            assertRefused(() -> check.handle(adaEmail, EmailOtpType.FORGET_PASSWORD, wrong(code)), "INVALID_OTP");
            assertRefused(() -> check.handle(adaEmail, EmailOtpType.FORGET_PASSWORD, wrong(code)), "INVALID_OTP");

            assertRefused(() -> check.handle(adaEmail, EmailOtpType.FORGET_PASSWORD, code), "TOO_MANY_ATTEMPTS");
            assertThat(row(EmailOtpType.FORGET_PASSWORD)).isEmpty();
        }

        @Test
        void a_right_sign_in_code_for_an_address_without_a_user_is_user_not_found_and_still_usable() {
            String code = codeFor(EmailOtpType.SIGN_IN);

            assertRefused(() -> check.handle(adaEmail, EmailOtpType.SIGN_IN, code), "USER_NOT_FOUND");

            assertThat(row(EmailOtpType.SIGN_IN)).contains(code + ":0");
            assertThat(signIn.handle(new SignInWithEmailOtp.Command(adaEmail, code, null, null, ClientInfo.UNKNOWN))
                    .user().email()).isEqualTo(adaEmail);
        }
    }

    @Nested
    class SignInWithEmailOtpTest {

        @Test
        void the_first_code_signs_up_a_verified_user_with_name_and_image_and_a_remembered_session() {
            String code = codeFor(EmailOtpType.SIGN_IN);

            SignedIn signedIn = signIn.handle(new SignInWithEmailOtp.Command(adaEmail, code, "Ada Lovelace",
                    "https://example.com/ada.png", new ClientInfo("203.0.113.7", "JUnit")));

            User user = store.userRepository.findByEmail(adaEmail).orElseThrow();
            assertThat(signedIn.user().id()).isEqualTo(user.id());
            assertThat(user.emailVerified()).isTrue();
            assertThat(user.name()).isEqualTo("Ada Lovelace");
            assertThat(user.image()).isEqualTo("https://example.com/ada.png");
            assertThat(store.accountRepository.findByUser(user.id())).isEmpty();
            Session session = store.sessionRepository.findByToken(signedIn.session().token()).orElseThrow();
            assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(signedIn.rememberMe()).isTrue();

            assertRefused(() -> signIn.handle(new SignInWithEmailOtp.Command(adaEmail, code, null, null, ClientInfo.UNKNOWN)),
                    "INVALID_OTP");
        }

        @Test
        void a_verified_user_keeps_their_password_and_sessions() {
            User ada = user(adaEmail, true);
            store.accountRepository.add(Account.credential(ada.id(), hasher.hash("correct horse"), clock.instant()));
            Session earlier = sessions.open(ada.id(), true, ClientInfo.UNKNOWN);

            SignedIn signedIn = signIn.handle(new SignInWithEmailOtp.Command(adaEmail, codeFor(EmailOtpType.SIGN_IN),
                    "Ignored", null, ClientInfo.UNKNOWN));

            assertThat(signedIn.user().id()).isEqualTo(ada.id());
            assertThat(reloaded(ada).name()).isEqualTo("Ada");
            assertThat(store.accountRepository.findCredential(ada.id())).isPresent();
            assertThat(store.sessionRepository.findByUser(ada.id())).extracting(Session::id)
                    .contains(earlier.id(), signedIn.session().id());
        }

        @Test
        void a_code_made_for_another_purpose_does_not_sign_in() {
            user(adaEmail, true);
            String verificationCode = codeFor(EmailOtpType.EMAIL_VERIFICATION);

            assertRefused(() -> signIn.handle(new SignInWithEmailOtp.Command(adaEmail, verificationCode, null, null,
                    ClientInfo.UNKNOWN)), "INVALID_OTP");
            assertThat(row(EmailOtpType.EMAIL_VERIFICATION)).contains(verificationCode + ":0");
        }
    }

    @Nested
    class VerifyEmailWithOtpTest {

        @Test
        void a_right_code_marks_the_address_verified_and_is_used_up() {
            User ada = user(adaEmail, false);
            String code = codeFor(EmailOtpType.EMAIL_VERIFICATION);

            User verified = verifyEmail.handle(adaEmail, code);

            assertThat(verified.emailVerified()).isTrue();
            assertThat(reloaded(ada).emailVerified()).isTrue();
            assertThat(row(EmailOtpType.EMAIL_VERIFICATION)).isEmpty();
            assertRefused(() -> verifyEmail.handle(adaEmail, code), "INVALID_OTP");
        }

        @Test
        void a_wrong_or_late_code_leaves_the_address_unverified() {
            User ada = user(adaEmail, false);
            String code = codeFor(EmailOtpType.EMAIL_VERIFICATION);

            assertRefused(() -> verifyEmail.handle(adaEmail, wrong(code)), "INVALID_OTP");
            clock.advance(Duration.ofMinutes(5).plusMillis(1));
            assertRefused(() -> verifyEmail.handle(adaEmail, code), "OTP_EXPIRED");

            assertThat(reloaded(ada).emailVerified()).isFalse();
            assertThat(row(EmailOtpType.EMAIL_VERIFICATION)).isEmpty();
        }
    }

    @Nested
    class ResetPasswordWithEmailOtpTest {

        @Test
        void a_right_code_sets_the_password_verifies_the_address_and_leaves_sessions() {
            User ada = user(adaEmail, false);
            store.accountRepository.add(Account.credential(ada.id(), hasher.hash("correct horse"), clock.instant()));
            Session session = sessions.open(ada.id(), true, ClientInfo.UNKNOWN);

            resetPassword.handle(adaEmail, codeFor(EmailOtpType.FORGET_PASSWORD), "battery staple");

            String hash = store.accountRepository.findCredential(ada.id()).orElseThrow().password();
            assertThat(hasher.matches("battery staple", hash)).isTrue();
            assertThat(hasher.matches("correct horse", hash)).isFalse();
            assertThat(store.accountRepository.findByUser(ada.id())).hasSize(1);
            assertThat(reloaded(ada).emailVerified()).isTrue();
            assertThat(store.sessionRepository.findByToken(session.token())).isPresent();
            assertThat(row(EmailOtpType.FORGET_PASSWORD)).isEmpty();
        }

        @Test
        void a_user_without_a_password_gets_a_credential_account() {
            User ada = user(adaEmail, true);

            resetPassword.handle(adaEmail, codeFor(EmailOtpType.FORGET_PASSWORD), "battery staple");

            Account credential = store.accountRepository.findCredential(ada.id()).orElseThrow();
            assertThat(credential.accountId()).isEqualTo(ada.id().value());
            assertThat(hasher.matches("battery staple", credential.password())).isTrue();
        }

        @Test
        void the_password_length_is_checked_before_the_code_which_stays_untouched() {
            user(adaEmail, true);
            String code = codeFor(EmailOtpType.FORGET_PASSWORD);

            assertRefused(() -> resetPassword.handle(adaEmail, code, "short"), "PASSWORD_TOO_SHORT");
            assertRefused(() -> resetPassword.handle(adaEmail, code, "x".repeat(129)), "PASSWORD_TOO_LONG");

            assertThat(row(EmailOtpType.FORGET_PASSWORD)).contains(code + ":0");
        }

        @Test
        void after_three_wrong_guesses_even_the_right_code_sets_nothing() {
            User ada = user(adaEmail, true);
            String code = codeFor(EmailOtpType.FORGET_PASSWORD);
            for (int i = 0; i < 3; i++) {
                assertRefused(() -> resetPassword.handle(adaEmail, wrong(code), "battery staple"), "INVALID_OTP");
            }

            assertRefused(() -> resetPassword.handle(adaEmail, code, "battery staple"), "TOO_MANY_ATTEMPTS");

            assertThat(store.accountRepository.findCredential(ada.id())).isEmpty();
        }

        @Test
        void an_expired_code_is_refused_and_deleted() {
            User ada = user(adaEmail, true);
            String code = codeFor(EmailOtpType.FORGET_PASSWORD);
            clock.advance(Duration.ofMinutes(6));

            assertRefused(() -> resetPassword.handle(adaEmail, code, "battery staple"), "OTP_EXPIRED");

            assertThat(row(EmailOtpType.FORGET_PASSWORD)).isEmpty();
            assertThat(store.accountRepository.findCredential(ada.id())).isEmpty();
        }
    }
}
