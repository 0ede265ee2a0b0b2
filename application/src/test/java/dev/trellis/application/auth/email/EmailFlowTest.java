package dev.trellis.application.auth.email;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.EmailVerificationTokens.Claims;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.testing.HmacEmailVerificationTokens;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.application.testing.RecordingMailer;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The email flow: verification links (stateless signed tokens, nothing stored) that prove an
 * address, and the change of address, at once for an unverified one, through a link to the new
 * address for a verified one.
 */
class EmailFlowTest {

    static final String BASE = "http://localhost:3000/api/auth";
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "/verify-email\\?token=([^&\\s]+)&callbackURL=(\\S+)");

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final EmailFlowSettings settings = EmailFlowSettings.betterAuthDefaults(BASE);
    final HmacEmailVerificationTokens tokens = new HmacEmailVerificationTokens("the shared secret", clock);
    final RecordingMailer mailer = new RecordingMailer();
    final Sessions sessions = new Sessions(store.sessionRepository, AuthSettings.betterAuthDefaults(), clock);

    final SendVerificationEmail sendVerification = new SendVerificationEmail(store.userRepository, tokens, mailer, settings);
    final VerifyEmail verifyEmail = new VerifyEmail(store.userRepository, tokens, mailer, settings, clock);
    final ChangeEmail changeEmail = new ChangeEmail(store.userRepository, tokens, mailer, settings, clock);

    User user(String email, boolean verified) {
        User user = User.register(UserId.generate(), "Ada", new EmailAddress(email), verified, clock.instant());
        store.userRepository.add(user);
        return user;
    }

    SignedIn signedIn(User user) {
        return new SignedIn(user, sessions.open(user.id(), true, ClientInfo.UNKNOWN), true);
    }

    User reloaded(User user) {
        return store.userRepository.findById(user.id()).orElseThrow();
    }

    /** The token of the link in the last mail, after checking the link's shape and callback. */
    String mailedToken(String expectedCallback) {
        Matcher link = LINK.matcher(mailer.last().text());
        assertThat(link.find()).as("a verification link in " + mailer.last().text()).isTrue();
        assertThat(link.group(2)).isEqualTo(expectedCallback);
        return link.group(1);
    }

    Claims claimsOf(String token) {
        return ((EmailVerificationTokens.Valid) tokens.read(token)).claims();
    }

    static void assertRefused(Executable call, String code, AuthFailure.Kind kind) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(kind);
        });
    }

    @Nested
    class SendVerificationEmailTest {

        @Test
        void a_signed_in_user_gets_a_link_for_their_own_unverified_address() {
            User ada = user("ada@example.com", false);

            sendVerification.handle(signedIn(ada), ada.email(), "/welcome?step=2");

            MailMessage mail = mailer.last();
            assertThat(mail.to()).isEqualTo("ada@example.com");
            assertThat(mail.subject()).isEqualTo("Verify your email address");
            assertThat(mail.text()).contains("valid for 1 hour");
            String token = mailedToken("%2Fwelcome%3Fstep%3D2");
            assertThat(claimsOf(token)).isEqualTo(new Claims("ada@example.com", null, null, ada.id().value()));
        }

        @Test
        void signed_in_the_address_must_be_ones_own_and_not_yet_verified() {
            User ada = user("ada@example.com", false);
            User verified = user("vera@example.com", true);

            assertRefused(() -> sendVerification.handle(signedIn(ada), new EmailAddress("bob@example.com"), null),
                    "EMAIL_MISMATCH", AuthFailure.Kind.BAD_REQUEST);
            assertRefused(() -> sendVerification.handle(signedIn(verified), verified.email(), null),
                    "EMAIL_ALREADY_VERIFIED", AuthFailure.Kind.BAD_REQUEST);
            assertThat(mailer.sent()).isEmpty();
        }

        @Test
        void without_a_session_only_an_unverified_owner_gets_mail_but_every_address_costs_a_token() {
            User ada = user("ada@example.com", false);
            user("vera@example.com", true);

            sendVerification.handle(null, new EmailAddress("nobody@example.com"), null);
            sendVerification.handle(null, new EmailAddress("vera@example.com"), null);
            assertThat(mailer.sent()).isEmpty();
            assertThat(tokens.issued()).extracting(Claims::email).containsExactly("nobody@example.com", "vera@example.com");

            sendVerification.handle(null, new EmailAddress("ADA@example.com"), null);
            assertThat(mailer.sent()).extracting(MailMessage::to).containsExactly("ada@example.com");
            assertThat(claimsOf(mailedToken("%2F")).userId()).isEqualTo(ada.id().value());
        }
    }

    @Nested
    class VerifyEmailTest {

        final User ada = user("ada@example.com", false);

        String link() {
            sendVerification.handle(null, ada.email(), "/done");
            return mailedToken("%2Fdone");
        }

        @Test
        void the_link_marks_the_address_verified_and_opening_it_again_is_no_error() {
            String token = link();

            VerifyEmail.Result result = verifyEmail.handle(token, null, "/done");

            assertThat(result.outcome()).isEqualTo(VerifyEmail.Outcome.VERIFIED);
            assertThat(reloaded(ada).emailVerified()).isTrue();
            assertThat(verifyEmail.handle(token, null, "/done").outcome()).isEqualTo(VerifyEmail.Outcome.VERIFIED);
            assertThat(reloaded(ada).emailVerified()).isTrue();
        }

        @Test
        void the_link_works_for_an_hour_then_is_expired() {
            String token = link();
            clock.advance(Duration.ofHours(1).plusSeconds(1));

            assertRefused(() -> verifyEmail.handle(token, null, null), "TOKEN_EXPIRED", AuthFailure.Kind.UNAUTHORIZED);
            assertThat(reloaded(ada).emailVerified()).isFalse();
        }

        @Test
        void a_token_signed_with_another_secret_or_altered_is_invalid() {
            String forged = new HmacEmailVerificationTokens("another secret", clock)
                    .issue(new Claims("ada@example.com", null, null, ada.id().value()), Duration.ofHours(1));
            String genuine = link();
            String altered = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");

            assertRefused(() -> verifyEmail.handle(forged, null, null), "INVALID_TOKEN", AuthFailure.Kind.UNAUTHORIZED);
            assertRefused(() -> verifyEmail.handle(altered, null, null), "INVALID_TOKEN", AuthFailure.Kind.UNAUTHORIZED);
            assertThat(reloaded(ada).emailVerified()).isFalse();
        }

        @Test
        void a_link_for_a_user_who_is_gone_or_was_replaced_is_refused() {
            String token = link();
            store.userRepository.remove(ada.id());

            assertRefused(() -> verifyEmail.handle(token, null, null), "USER_NOT_FOUND", AuthFailure.Kind.UNAUTHORIZED);

            User newcomer = user("ada@example.com", false); // the same address, another user
            assertRefused(() -> verifyEmail.handle(token, null, null), "INVALID_TOKEN", AuthFailure.Kind.UNAUTHORIZED);
            assertThat(reloaded(newcomer).emailVerified()).isFalse();
        }
    }

    @Nested
    class ChangeEmailTest {

        @Test
        void an_unverified_address_is_replaced_at_once_and_the_new_one_gets_a_verification_link() {
            User ada = user("ada@example.com", false);

            changeEmail.handle(signedIn(ada), new EmailAddress("ada@new.example"), "/settings");

            assertThat(reloaded(ada).email().value()).isEqualTo("ada@new.example");
            assertThat(reloaded(ada).emailVerified()).isFalse();
            assertThat(mailer.last().to()).isEqualTo("ada@new.example");
            assertThat(mailer.last().subject()).isEqualTo("Verify your email address");

            verifyEmail.handle(mailedToken("%2Fsettings"), null, null);
            assertThat(reloaded(ada).emailVerified()).isTrue();
        }

        @Test
        void a_verified_address_stays_until_the_link_sent_to_the_new_one_is_opened_once() {
            User ada = user("ada@example.com", true);

            changeEmail.handle(signedIn(ada), new EmailAddress("ada@new.example"), null);

            assertThat(reloaded(ada).email().value()).isEqualTo("ada@example.com");
            assertThat(mailer.sent()).hasSize(1);
            assertThat(mailer.last().to()).isEqualTo("ada@new.example");
            assertThat(mailer.last().subject()).isEqualTo("Confirm your new email address");
            String token = mailedToken("%2F");
            assertThat(claimsOf(token)).isEqualTo(new Claims("ada@example.com", "ada@new.example",
                    "change-email-verification", ada.id().value()));

            VerifyEmail.Result result = verifyEmail.handle(token, signedIn(ada), null);

            assertThat(result.outcome()).isEqualTo(VerifyEmail.Outcome.EMAIL_CHANGED);
            assertThat(result.user().email().value()).isEqualTo("ada@new.example");
            assertThat(reloaded(ada).email().value()).isEqualTo("ada@new.example");
            assertThat(reloaded(ada).emailVerified()).isTrue();
            assertRefused(() -> verifyEmail.handle(token, null, null), "INVALID_TOKEN", AuthFailure.Kind.UNAUTHORIZED);
        }

        @Test
        void the_same_address_is_refused_with_a_message_and_no_code() {
            User ada = user("ada@example.com", true);

            assertThatThrownBy(() -> changeEmail.handle(signedIn(ada), new EmailAddress("Ada@Example.com"), null))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> {
                        assertThat(e.code()).isNull();
                        assertThat(e.getMessage()).isEqualTo("Email is the same");
                    });
        }

        @Test
        void an_address_someone_else_uses_gets_the_same_answer_no_mail_and_no_change() {
            User ada = user("ada@example.com", false);
            user("bob@example.com", true);

            changeEmail.handle(signedIn(ada), new EmailAddress("bob@example.com"), null);

            assertThat(mailer.sent()).isEmpty();
            assertThat(tokens.issued()).hasSize(1);
            assertThat(reloaded(ada).email().value()).isEqualTo("ada@example.com");
        }

        @Test
        void a_change_link_opened_by_another_signed_in_user_is_refused() {
            User ada = user("ada@example.com", true);
            User bob = user("bob@example.com", true);
            changeEmail.handle(signedIn(ada), new EmailAddress("ada@new.example"), null);
            String token = mailedToken("%2F");

            assertRefused(() -> verifyEmail.handle(token, signedIn(bob), null), "INVALID_USER", AuthFailure.Kind.UNAUTHORIZED);
            assertThat(reloaded(ada).email().value()).isEqualTo("ada@example.com");
        }

        @Test
        void a_change_link_is_refused_when_the_new_address_was_taken_meanwhile() {
            User ada = user("ada@example.com", true);
            changeEmail.handle(signedIn(ada), new EmailAddress("ada@new.example"), null);
            String token = mailedToken("%2F");
            user("ada@new.example", false);

            assertRefused(() -> verifyEmail.handle(token, null, null), "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
                    AuthFailure.Kind.UNPROCESSABLE);
            assertThat(reloaded(ada).email().value()).isEqualTo("ada@example.com");
        }

        @Test
        void a_better_auth_confirmation_link_to_the_old_address_sends_the_verification_link_to_the_new_one() {
            User ada = user("ada@example.com", true);
            String confirmation = tokens.issue(new Claims("ada@example.com", "ada@new.example", "change-email-confirmation",
                    ada.id().value()), Duration.ofHours(1));

            VerifyEmail.Result result = verifyEmail.handle(confirmation, null, "/moved");

            assertThat(result.outcome()).isEqualTo(VerifyEmail.Outcome.CONFIRMATION_SENT);
            assertThat(reloaded(ada).email().value()).isEqualTo("ada@example.com");
            assertThat(mailer.last().to()).isEqualTo("ada@new.example");
            assertThat(claimsOf(mailedToken("%2Fmoved")).requestType()).isEqualTo("change-email-verification");
        }

        @Test
        void an_older_better_auth_change_link_moves_at_once_unverified_and_sends_a_verification_link() {
            User ada = user("ada@example.com", true);
            String legacy = tokens.issue(new Claims("ada@example.com", "ada@new.example", null, ada.id().value()),
                    Duration.ofHours(1));

            VerifyEmail.Result result = verifyEmail.handle(legacy, null, null);

            assertThat(result.outcome()).isEqualTo(VerifyEmail.Outcome.EMAIL_CHANGED);
            assertThat(reloaded(ada).email().value()).isEqualTo("ada@new.example");
            assertThat(reloaded(ada).emailVerified()).isFalse();
            assertThat(mailer.last().to()).isEqualTo("ada@new.example");
            assertThat(claimsOf(mailedToken("%2F"))).isEqualTo(new Claims("ada@new.example", null, null, ada.id().value()));
        }
    }
}
