package dev.trellis.application.auth.password;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.EmailVerificationTokens;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.email.VerifyEmail;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.testing.HmacEmailVerificationTokens;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.application.testing.RecordingMailer;
import dev.trellis.application.testing.SaltedSha256PasswordHasher;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Better Auth's {@code emailAndPassword.requireEmailVerification} with {@code sendOnSignIn}: an
 * unverified user's right password opens no session but sends the verification link; sign-up opens
 * no session, sends the link, and answers a taken email like a new one.
 */
class RequiredEmailVerificationTest {

    static final String BASE = "http://localhost:3000/api/auth";
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "/verify-email\\?token=([^&\\s]+)&callbackURL=(\\S+)");

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final AuthSettings settings = AuthSettings.betterAuthDefaults().requiringEmailVerification(true);
    final EmailFlowSettings emailSettings = EmailFlowSettings.betterAuthDefaults(BASE);
    final HmacEmailVerificationTokens tokens = new HmacEmailVerificationTokens("the shared secret", clock);
    final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
    final RecordingMailer mailer = new RecordingMailer();
    final Sessions sessions = new Sessions(store.sessionRepository, settings, clock);
    final SendVerificationEmail verification = new SendVerificationEmail(store.userRepository, tokens, mailer, emailSettings);

    final SignUpWithEmail signUp = new SignUpWithEmail(store.userRepository, store.accountRepository, hasher, sessions,
            settings, clock, verification);
    final SignInWithEmail signIn = new SignInWithEmail(store.userRepository, store.accountRepository, hasher, sessions,
            settings, verification);
    final VerifyEmail verifyEmail = new VerifyEmail(store.userRepository, tokens, mailer, emailSettings, clock);

    SignedIn signUp(String email, String callbackURL) {
        return signUp.handle(new SignUpWithEmail.Command("Ada", email, "correct horse", null, true, ClientInfo.UNKNOWN,
                callbackURL));
    }

    SignedIn signIn(String email, String password, String callbackURL) {
        return signIn.handle(new SignInWithEmail.Command(email, password, true, ClientInfo.UNKNOWN, callbackURL));
    }

    /** The token of the link in the last mail, after checking the link's shape and callback. */
    String mailedToken(String to, String expectedCallback) {
        assertThat(mailer.last().to()).isEqualTo(to);
        Matcher link = LINK.matcher(mailer.last().text());
        assertThat(link.find()).as("a verification link in " + mailer.last().text()).isTrue();
        assertThat(link.group(2)).isEqualTo(expectedCallback);
        return link.group(1);
    }

    static void assertRefused(Executable call, String code, AuthFailure.Kind kind) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void sign_up_stores_the_user_opens_no_session_and_sends_the_verification_link() {
        SignedIn signedUp = signUp("Ada@Example.com", "/welcome");

        assertThat(signedUp.session()).isNull();
        User stored = store.userRepository.findById(signedUp.user().id()).orElseThrow();
        assertThat(stored.emailVerified()).isFalse();
        assertThat(store.accountRepository.findCredential(stored.id())).isPresent();
        assertThat(store.sessionRepository.findByUser(stored.id())).isEmpty();
        String token = mailedToken("ada@example.com", "%2Fwelcome");
        EmailVerificationTokens.Claims claims = ((EmailVerificationTokens.Valid) tokens.read(token)).claims();
        assertThat(claims.email()).isEqualTo("ada@example.com");
        assertThat(claims.userId()).isEqualTo(stored.id().value());
    }

    @Test
    void sign_up_with_a_taken_email_answers_like_a_new_one_changes_nothing_and_sends_nothing() {
        SignedIn first = signUp("ada@example.com", null);
        mailer.clear();

        SignedIn second = signUp("ada@example.com", null);

        assertThat(second.session()).isNull();
        assertThat(second.user().id()).isNotEqualTo(first.user().id());
        assertThat(second.user().email()).isEqualTo(new EmailAddress("ada@example.com"));
        assertThat(second.user().emailVerified()).isFalse();
        assertThat(store.userRepository.findById(second.user().id())).isEmpty();
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void sign_in_of_an_unverified_user_is_refused_without_a_session_and_sends_a_fresh_link() {
        SignedIn signedUp = signUp("ada@example.com", null);
        mailer.clear();

        assertRefused(() -> signIn("Ada@Example.com", "correct horse", "/dashboard"), "EMAIL_NOT_VERIFIED",
                AuthFailure.Kind.FORBIDDEN);

        assertThat(store.sessionRepository.findByUser(signedUp.user().id())).isEmpty();
        assertThat(mailer.sent()).hasSize(1);
        String token = mailedToken("ada@example.com", "%2Fdashboard");

        verifyEmail.handle(token, null, null);
        SignedIn signedIn = signIn("ada@example.com", "correct horse", null);
        assertThat(signedIn.session()).isNotNull();
        assertThat(store.sessionRepository.findByUser(signedUp.user().id())).hasSize(1);
    }

    @Test
    void without_a_callback_the_link_leads_to_the_root() {
        signUp("ada@example.com", null);
        mailedToken("ada@example.com", "%2F");
        mailer.clear();

        assertRefused(() -> signIn("ada@example.com", "correct horse", null), "EMAIL_NOT_VERIFIED",
                AuthFailure.Kind.FORBIDDEN);
        mailedToken("ada@example.com", "%2F");
    }

    @Test
    void the_password_is_checked_before_the_verification_so_a_wrong_one_tells_nothing_and_sends_nothing() {
        signUp("ada@example.com", null);
        mailer.clear();

        assertRefused(() -> signIn("ada@example.com", "wrong horse", null), "INVALID_EMAIL_OR_PASSWORD",
                AuthFailure.Kind.UNAUTHORIZED);
        assertRefused(() -> signIn("nobody@example.com", "correct horse", null), "INVALID_EMAIL_OR_PASSWORD",
                AuthFailure.Kind.UNAUTHORIZED);
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void a_verified_user_signs_in_as_always() {
        SignedIn signedUp = signUp("ada@example.com", null);
        verifyEmail.handle(mailedToken("ada@example.com", "%2F"), null, null);
        mailer.clear();

        assertThat(signIn("ada@example.com", "correct horse", null).user().id()).isEqualTo(signedUp.user().id());
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void switched_off_by_default() {
        assertThat(AuthSettings.betterAuthDefaults().requireEmailVerification()).isFalse();
    }
}
