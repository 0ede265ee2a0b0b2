package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The email one-time code rules against the in-memory ports, at their exact boundaries. */
class EmailOtpsTest {

    final InMemoryStore store = new InMemoryStore();
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final List<MailMessage> sent = new ArrayList<>();
    final EmailFlowSettings settings = EmailFlowSettings.betterAuthDefaults("http://localhost:3000/api/auth");
    final Sessions sessions = new Sessions(store.sessionRepository, AuthSettings.betterAuthDefaults(), clock);
    final SendEmailOtp send = new SendEmailOtp(store.userRepository, store.verificationRepository, sent::add, settings, clock);
    final SignInWithEmailOtp signIn = new SignInWithEmailOtp(store.verificationRepository, store.userRepository,
            store.accountRepository, store.sessionRepository, sessions, settings, clock);
    final EmailAddress email = new EmailAddress("otto@example.com");

    String code() {
        String text = sent.get(sent.size() - 1).text();
        return text.replaceAll("(?s).*Your code: (\\d{6}).*", "$1");
    }

    String rowValue() {
        return store.verificationRepository.findByIdentifier("sign-in-otp-otto@example.com").map(row -> row.value()).orElse(null);
    }

    SignedIn signIn(String otp) {
        return signIn.handle(new SignInWithEmailOtp.Command(email, otp, null, null, ClientInfo.UNKNOWN));
    }

    @Test
    void a_code_is_valid_through_its_last_instant_and_expired_after() {
        send.handle(email, EmailOtpType.SIGN_IN);
        String code = code();
        assertThat(rowValue()).isEqualTo(code + ":0");

        clock.set(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(signIn(code).user().email()).isEqualTo(email);

        send.handle(email, EmailOtpType.SIGN_IN);
        clock.set(clock.instant().plus(Duration.ofMinutes(5)).plusMillis(1));
        assertThatThrownBy(() -> signIn(code())).isInstanceOfSatisfying(AuthFailure.class,
                e -> assertThat(e.code()).isEqualTo("OTP_EXPIRED"));
        assertThat(rowValue()).isNull();
    }

    @Test
    void three_wrong_guesses_are_counted_and_the_fourth_try_is_refused_with_the_row_gone() {
        send.handle(email, EmailOtpType.SIGN_IN);
        String code = code();
        String wrong = code.equals("999999") ? "000000" : "999999";
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> signIn(wrong)).isInstanceOfSatisfying(AuthFailure.class,
                    e -> assertThat(e.code()).isEqualTo("INVALID_OTP"));
            assertThat(rowValue()).isEqualTo(code + ":" + attempt);
        }
        assertThatThrownBy(() -> signIn(code)).isInstanceOfSatisfying(AuthFailure.class, e -> {
            assertThat(e.code()).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(e.kind()).isEqualTo(AuthFailure.Kind.FORBIDDEN);
        });
        assertThat(rowValue()).isNull();
    }

    @Test
    void a_wrong_guess_keeps_the_original_expiry_and_a_new_code_replaces_the_old_one() {
        send.handle(email, EmailOtpType.SIGN_IN);
        Instant expiresAt = store.verificationRepository.findByIdentifier("sign-in-otp-otto@example.com").orElseThrow().expiresAt();
        String first = code();
        clock.set(clock.instant().plusSeconds(60));
        assertThatThrownBy(() -> signIn(first.equals("999999") ? "000000" : "999999")).isInstanceOf(AuthFailure.class);
        assertThat(store.verificationRepository.findByIdentifier("sign-in-otp-otto@example.com").orElseThrow().expiresAt())
                .isEqualTo(expiresAt);

        send.handle(email, EmailOtpType.SIGN_IN);
        String second = code();
        if (!second.equals(first)) {
            assertThatThrownBy(() -> signIn(first)).isInstanceOf(AuthFailure.class);
        }
        assertThat(signIn(second).user().emailVerified()).isTrue();
    }

    @Test
    void unknown_addresses_get_sign_in_codes_but_no_other_kind() {
        send.handle(email, EmailOtpType.FORGET_PASSWORD);
        send.handle(email, EmailOtpType.EMAIL_VERIFICATION);
        assertThat(sent).isEmpty();
        assertThat(store.verificationRepository.findByIdentifier("forget-password-otp-otto@example.com")).isEmpty();

        send.handle(email, EmailOtpType.SIGN_IN);
        assertThat(sent).extracting(MailMessage::to).containsExactly("otto@example.com");
        assertThat(sent.get(0).subject()).isEqualTo("Your sign-in code");
    }

    @Test
    void signing_in_to_an_unverified_account_drops_its_password_and_sessions_first() {
        User squatted = User.register(UserId.generate(), "Squatter", email, false, clock.instant());
        store.userRepository.add(squatted);
        store.accountRepository.add(Account.credential(squatted.id(), "hash", clock.instant()));
        Session old = sessions.open(squatted.id(), true, ClientInfo.UNKNOWN);
        send.handle(email, EmailOtpType.SIGN_IN);

        SignedIn owner = signIn(code());

        assertThat(owner.user().id()).isEqualTo(squatted.id());
        assertThat(owner.user().emailVerified()).isTrue();
        assertThat(store.accountRepository.findByUser(squatted.id())).isEmpty();
        assertThat(store.sessionRepository.findByToken(old.token())).isEmpty();
        assertThat(store.sessionRepository.findByToken(owner.session().token())).isPresent();
    }

    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
