package dev.trellis.application.auth.magiclink;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.application.testing.RecordingMailer;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.shared.InvalidInput;
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
 * The magic-link flow: any address gets a link valid 5 minutes; opening it once signs the owner in,
 * and signs them up (verified) the first time.
 */
class MagicLinkFlowTest {

    static final String BASE = "http://localhost:3000/api/auth";
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "/magic-link/verify\\?token=([A-Za-z]{32})&(\\S*)");

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final EmailFlowSettings settings = EmailFlowSettings.betterAuthDefaults(BASE);
    final RecordingMailer mailer = new RecordingMailer();
    final Sessions sessions = new Sessions(store.sessionRepository, AuthSettings.betterAuthDefaults(), clock);

    final SendMagicLink send = new SendMagicLink(store.verificationRepository, mailer, settings, clock);
    final VerifyMagicLink verify = new VerifyMagicLink(store.verificationRepository, store.userRepository,
            store.accountRepository, store.sessionRepository, sessions, clock);

    final EmailAddress adaEmail = new EmailAddress("ada@example.com");

    String sendLink(String name) {
        send.handle(new SendMagicLink.Command(adaEmail, name, "/dashboard", null, null));
        Matcher link = LINK.matcher(mailer.last().text());
        assertThat(link.find()).as("a magic link in " + mailer.last().text()).isTrue();
        return link.group(1);
    }

    static void assertInvalidToken(Executable call) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_TOKEN");
            assertThat(e.kind()).isEqualTo(AuthFailure.Kind.UNAUTHORIZED);
        });
    }

    @Nested
    class SendMagicLinkTest {

        @Test
        void any_address_gets_a_link_whose_row_holds_the_address_and_name_for_five_minutes() {
            send.handle(new SendMagicLink.Command(new EmailAddress("Ada@Example.com"), "Ada", "/dashboard?tab=1",
                    "/welcome", "/oops"));

            assertThat(mailer.last().to()).isEqualTo("ada@example.com");
            assertThat(mailer.last().subject()).isEqualTo("Your sign-in link");
            assertThat(mailer.last().text()).contains("within 5 minutes");
            Matcher link = LINK.matcher(mailer.last().text());
            assertThat(link.find()).isTrue();
            assertThat(link.group(2)).isEqualTo("callbackURL=%2Fdashboard%3Ftab%3D1&newUserCallbackURL=%2Fwelcome"
                    + "&errorCallbackURL=%2Foops");
            Verification row = store.verificationRepository.findByIdentifier("magic-link:" + link.group(1)).orElseThrow();
            assertThat(row.value()).isEqualTo("{\"type\":\"magic-link\",\"email\":\"ada@example.com\",\"name\":\"Ada\"}");
            assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        }

        @Test
        void without_callbacks_the_link_returns_to_the_root() {
            send.handle(new SendMagicLink.Command(adaEmail, null, null, "", null));

            Matcher link = LINK.matcher(mailer.last().text());
            assertThat(link.find()).isTrue();
            assertThat(link.group(2)).isEqualTo("callbackURL=%2F");
        }

        @Test
        void a_name_too_long_for_a_user_is_refused_before_anything_is_stored_or_sent() {
            assertThatThrownBy(() -> send.handle(new SendMagicLink.Command(adaEmail, "x".repeat(User.MAX_NAME_LENGTH + 1),
                    null, null, null))).isInstanceOf(InvalidInput.class);

            assertThat(mailer.sent()).isEmpty();
            assertThat(store.verificationRepository.removeExpired(clock.instant().plus(Duration.ofDays(1)), 10)).isZero();
        }
    }

    @Nested
    class VerifyMagicLinkTest {

        @Test
        void the_first_link_signs_up_a_verified_user_and_opens_a_remembered_session() {
            String token = sendLink("Ada");

            VerifyMagicLink.Result result = verify.handle(token, new ClientInfo("203.0.113.7", "JUnit"));

            User user = store.userRepository.findByEmail(adaEmail).orElseThrow();
            assertThat(result.newUser()).isTrue();
            assertThat(result.signedIn().user().id()).isEqualTo(user.id());
            assertThat(user.name()).isEqualTo("Ada");
            assertThat(user.emailVerified()).isTrue();
            Session session = store.sessionRepository.findByToken(result.signedIn().session().token()).orElseThrow();
            assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(session.ipAddress()).isEqualTo("203.0.113.7");
            assertThat(result.signedIn().rememberMe()).isTrue();
        }

        @Test
        void a_link_works_once() {
            String token = sendLink(null);
            verify.handle(token, ClientInfo.UNKNOWN);

            assertInvalidToken(() -> verify.handle(token, ClientInfo.UNKNOWN));
            assertThat(store.verificationRepository.findByIdentifier("magic-link:" + token)).isEmpty();
        }

        @Test
        void a_known_verified_user_is_signed_in_as_is() {
            User ada = User.register(UserId.generate(), "Ada", adaEmail, true, clock.instant());
            store.userRepository.add(ada);
            store.accountRepository.add(Account.credential(ada.id(), "salt:hash", clock.instant()));
            Session earlier = sessions.open(ada.id(), true, ClientInfo.UNKNOWN);

            VerifyMagicLink.Result result = verify.handle(sendLink("Other Name"), ClientInfo.UNKNOWN);

            assertThat(result.newUser()).isFalse();
            assertThat(result.signedIn().user()).isEqualTo(ada);
            assertThat(store.accountRepository.findByUser(ada.id())).hasSize(1);
            assertThat(store.sessionRepository.findByToken(earlier.token())).isPresent();
        }

        @Test
        void an_unverified_account_loses_what_predates_the_proof() {
            User squatter = User.register(UserId.generate(), "Squatter", adaEmail, false, clock.instant());
            store.userRepository.add(squatter);
            store.accountRepository.add(Account.credential(squatter.id(), "salt:hash", clock.instant()));
            Session squatterSession = sessions.open(squatter.id(), true, ClientInfo.UNKNOWN);

            VerifyMagicLink.Result result = verify.handle(sendLink(null), ClientInfo.UNKNOWN);

            assertThat(result.newUser()).isFalse();
            assertThat(result.signedIn().user().id()).isEqualTo(squatter.id());
            assertThat(store.userRepository.findById(squatter.id()).orElseThrow().emailVerified()).isTrue();
            assertThat(store.accountRepository.findByUser(squatter.id())).isEmpty();
            assertThat(store.sessionRepository.findByUser(squatter.id())).extracting(Session::id)
                    .containsExactly(result.signedIn().session().id())
                    .doesNotContain(squatterSession.id());
        }

        @Test
        void a_link_works_through_its_fifth_minute_and_is_refused_and_deleted_after() {
            String onTime = sendLink(null);
            String late = sendLink(null);
            clock.advance(Duration.ofMinutes(5));
            verify.handle(onTime, ClientInfo.UNKNOWN);

            clock.advance(Duration.ofMillis(1));
            assertInvalidToken(() -> verify.handle(late, ClientInfo.UNKNOWN));
            assertThat(store.verificationRepository.findByIdentifier("magic-link:" + late)).isEmpty();
        }

        @Test
        void an_unknown_token_or_a_row_that_is_not_a_magic_link_is_refused() {
            assertInvalidToken(() -> verify.handle("nosuchtokennosuchtokennosuchtoke", ClientInfo.UNKNOWN));

            store.verificationRepository.add(Verification.issue("magic-link:forgedforgedforgedforgedforgedfo",
                    "{\"type\":\"magic-link\",\"email\":\"ada@example.com\",\"admin\":\"true\"}", Duration.ofMinutes(5),
                    clock.instant()));
            assertInvalidToken(() -> verify.handle("forgedforgedforgedforgedforgedfo", ClientInfo.UNKNOWN));
            assertThat(store.userRepository.findByEmail(adaEmail)).isEmpty();
        }
    }
}
