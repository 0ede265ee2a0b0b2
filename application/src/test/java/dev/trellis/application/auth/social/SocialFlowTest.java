package dev.trellis.application.auth.social;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.social.SocialCallback.Outcome;
import dev.trellis.application.auth.social.SocialProvider.ProviderUser;
import dev.trellis.application.auth.social.SocialProvider.Tokens;
import dev.trellis.application.testing.FakeSocialProvider;
import dev.trellis.application.testing.FakeSocialProviders;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.LineOAuthStateCodec;
import dev.trellis.application.testing.MutableClock;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The social flow: sign-in starts by keeping a single-use state and sending the browser to the
 * provider; the callback takes the state back (bound to the browser's state cookie), redeems the
 * code, and signs the provider's user in, signs them up, or links the account to the user who asked.
 * Failures are redirects with Better Auth's error codes.
 */
class SocialFlowTest {

    static final String ERRORS = "https://app.example.com/api/auth/error";

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final Sessions sessions = new Sessions(store.sessionRepository, AuthSettings.betterAuthDefaults(), clock);
    final FakeSocialProvider github = new FakeSocialProvider("github", false);
    final FakeSocialProvider google = new FakeSocialProvider("google", true);
    final FakeSocialProviders providers = new FakeSocialProviders(github, google);
    final OAuthStates states = new OAuthStates(store.verificationRepository, new LineOAuthStateCodec(), clock);
    final SocialAccounts socialAccounts = new SocialAccounts(store.userRepository, store.accountRepository,
            store.sessionRepository, sessions, clock);

    final SocialSignIn signIn = new SocialSignIn(providers, states, socialAccounts, clock);
    final SocialCallback callback = new SocialCallback(states, providers, socialAccounts);

    static ProviderUser providerUser(String accountId, String email, boolean verified, String accessToken, String... scopes) {
        return new ProviderUser(accountId, email, verified, "Ada Lovelace", "https://avatars.example/ada.png",
                new Tokens(accessToken, "refresh-" + accessToken, null, null, null, List.of(scopes)));
    }

    static SocialSignIn.Start start(String provider) {
        return new SocialSignIn.Start(provider, "/dashboard", "/login-failed", "/welcome", List.of(), null, null);
    }

    User user(String email, boolean verified) {
        User user = User.register(UserId.generate(), "Ada", new EmailAddress(email), verified, clock.instant());
        store.userRepository.add(user);
        return user;
    }

    Outcome back(String provider, String code, String state) {
        return callback.handle(new SocialCallback.Callback(provider, code, state, null, null, null, state, ERRORS,
                ClientInfo.UNKNOWN));
    }

    /** Start at the provider, the user consents as {@code who}, the browser comes back with its state cookie. */
    Outcome roundTrip(FakeSocialProvider provider, ProviderUser who) {
        SocialSignIn.Started started = signIn.start(start(provider.id()));
        return back(provider.id(), provider.consent(started.state(), who), started.state());
    }

    static void assertFailed(Outcome outcome, String errorURL, String error) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(error);
            assertThat(failed.errorURL()).isEqualTo(errorURL);
        });
    }

    static void assertRefused(Executable call, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Nested
    class SocialSignInTest {

        @Test
        void starting_keeps_a_ten_minute_state_and_sends_the_browser_to_the_provider() {
            SocialSignIn.Started started = signIn.start(new SocialSignIn.Start("github", "/dashboard", null, null,
                    List.of("repo"), null, null));

            assertThat(started.state()).hasSize(32);
            assertThat(started.url()).startsWith("https://github.example/authorize?state=" + started.state());
            assertThat(started.url()).contains("scope=repo");
            Verification row = store.verificationRepository.findByIdentifier("auth-state:" + started.state()).orElseThrow();
            assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
            OAuthState kept = new LineOAuthStateCodec().read(row.value());
            assertThat(kept.callbackURL()).isEqualTo("/dashboard");
            assertThat(kept.codeVerifier()).hasSize(128).isEqualTo(github.request(started.state()).codeVerifier());
            assertThat(kept.idTokenNonce()).isNull();
            assertThat(kept.link()).isNull();
        }

        @Test
        void an_openid_connect_provider_gets_a_nonce_and_an_unknown_provider_is_refused() {
            SocialSignIn.Started started = signIn.start(start("google"));

            assertThat(google.request(started.state()).nonce()).hasSize(32);
            assertRefused(() -> signIn.start(start("myspace")), "PROVIDER_NOT_FOUND");
        }

        @Test
        void an_id_token_the_client_got_itself_signs_in_without_a_redirect() {
            String idToken = google.idToken(providerUser("g-1", "ada@example.com", true, "at"), "n-1");

            SignedIn signedIn = signIn.signInWithIdToken(new SocialSignIn.IdTokenSignIn("google", idToken, "n-1", null, null,
                    ClientInfo.UNKNOWN));

            assertThat(signedIn.user().email().value()).isEqualTo("ada@example.com");
            assertThat(store.accountRepository.findByProvider("google", "g-1")).isPresent();
            assertThat(store.sessionRepository.findByToken(signedIn.session().token())).isPresent();
        }

        @Test
        void id_token_refusals_carry_better_auths_codes() {
            String noEmail = google.idToken(providerUser("g-2", null, true, "at"), null);
            String githubToken = github.idToken(providerUser("gh-1", "ada@example.com", true, "at"), null);
            user("ada@example.com", false);
            String unlinkable = google.idToken(providerUser("g-3", "ada@example.com", true, "at"), null);

            assertRefused(() -> signIn.signInWithIdToken(new SocialSignIn.IdTokenSignIn("github", githubToken, null, null, null,
                    ClientInfo.UNKNOWN)), "ID_TOKEN_NOT_SUPPORTED");
            assertRefused(() -> signIn.signInWithIdToken(new SocialSignIn.IdTokenSignIn("google", "forged", null, null, null,
                    ClientInfo.UNKNOWN)), "INVALID_TOKEN");
            assertRefused(() -> signIn.signInWithIdToken(new SocialSignIn.IdTokenSignIn("google", noEmail, null, null, null,
                    ClientInfo.UNKNOWN)), "USER_EMAIL_NOT_FOUND");
            assertThatThrownBy(() -> signIn.signInWithIdToken(new SocialSignIn.IdTokenSignIn("google", unlinkable, null, null,
                    null, ClientInfo.UNKNOWN))).isInstanceOfSatisfying(AuthFailure.class, e -> {
                        assertThat(e.code()).isEqualTo("OAUTH_LINK_ERROR");
                        assertThat(e.getMessage()).isEqualTo("account not linked");
                    });
            assertThat(store.accountRepository.findByProvider("google", "g-3")).isEmpty();
        }
    }

    @Nested
    class SocialCallbackTest {

        @Test
        void a_new_provider_user_is_signed_up_with_the_account_and_sent_to_the_new_user_page() {
            Outcome outcome = roundTrip(github, providerUser("gh-42", "Ada@Example.com", true, "at-1", "read:user"));

            assertThat(outcome).isInstanceOf(Outcome.SignedInTo.class);
            Outcome.SignedInTo signedIn = (Outcome.SignedInTo) outcome;
            assertThat(signedIn.redirectTo()).isEqualTo("/welcome");
            User user = store.userRepository.findByEmail(new EmailAddress("ada@example.com")).orElseThrow();
            assertThat(signedIn.signedIn().user().id()).isEqualTo(user.id());
            assertThat(user.name()).isEqualTo("Ada Lovelace");
            assertThat(user.emailVerified()).isTrue();
            assertThat(user.image()).isEqualTo("https://avatars.example/ada.png");
            Account account = store.accountRepository.findByProvider("github", "gh-42").orElseThrow();
            assertThat(account.userId()).isEqualTo(user.id());
            assertThat(account.accessToken()).isEqualTo("at-1");
            assertThat(account.refreshToken()).isEqualTo("refresh-at-1");
            assertThat(account.scope()).isEqualTo("read:user");
            assertThat(account.password()).isNull();
            assertThat(store.sessionRepository.findByToken(signedIn.signedIn().session().token())).isPresent();
        }

        @Test
        void a_returning_user_is_signed_in_with_fresh_tokens_and_sent_to_the_callback() {
            Outcome first = roundTrip(github, providerUser("gh-42", "ada@example.com", false, "at-1"));
            Outcome second = roundTrip(github, providerUser("gh-42", "ada@example.com", true, "at-2"));

            assertThat(((Outcome.SignedInTo) second).redirectTo()).isEqualTo("/dashboard");
            assertThat(((Outcome.SignedInTo) second).signedIn().user().id())
                    .isEqualTo(((Outcome.SignedInTo) first).signedIn().user().id());
            assertThat(store.accountRepository.findByProvider("github", "gh-42").orElseThrow().accessToken()).isEqualTo("at-2");
            assertThat(store.userRepository.findByEmail(new EmailAddress("ada@example.com")).orElseThrow().emailVerified())
                    .as("the provider now vouches for the address").isTrue();
        }

        @Test
        void a_state_is_taken_once() {
            SocialSignIn.Started started = signIn.start(start("github"));
            String code = github.consent(started.state(), providerUser("gh-42", "ada@example.com", true, "at"));
            assertThat(back("github", code, started.state())).isInstanceOf(Outcome.SignedInTo.class);

            assertFailed(back("github", code, started.state()), ERRORS, "state_mismatch");
            assertThat(store.verificationRepository.findByIdentifier("auth-state:" + started.state())).isEmpty();
        }

        @Test
        void a_state_without_this_browsers_cookie_is_a_mismatch_and_stays_for_the_browser_that_has_it() {
            SocialSignIn.Started started = signIn.start(start("github"));
            String code = github.consent(started.state(), providerUser("gh-42", "ada@example.com", true, "at"));

            Outcome noCookie = callback.handle(new SocialCallback.Callback("github", code, started.state(), null, null, null,
                    null, ERRORS, ClientInfo.UNKNOWN));
            Outcome otherCookie = callback.handle(new SocialCallback.Callback("github", code, started.state(), null, null,
                    null, "another-state", ERRORS, ClientInfo.UNKNOWN));

            assertFailed(noCookie, "/login-failed", "state_mismatch");
            assertFailed(otherCookie, "/login-failed", "state_mismatch");
            assertThat(store.verificationRepository.findByIdentifier("auth-state:" + started.state())).isPresent();
            assertThat(back("github", code, started.state())).isInstanceOf(Outcome.SignedInTo.class);
        }

        @Test
        void a_state_older_than_ten_minutes_is_a_mismatch() {
            SocialSignIn.Started started = signIn.start(start("github"));
            String code = github.consent(started.state(), providerUser("gh-42", "ada@example.com", true, "at"));
            clock.advance(Duration.ofMinutes(10).plusMillis(1));

            assertFailed(back("github", code, started.state()), "/login-failed", "state_mismatch");
            assertThat(store.userRepository.findByEmail(new EmailAddress("ada@example.com"))).isEmpty();
        }

        @Test
        void a_callback_without_state_or_code_or_with_the_providers_error_fails_with_its_code() {
            assertFailed(back("github", "code", ""), ERRORS, "state_not_found");

            SocialSignIn.Started noCode = signIn.start(start("github"));
            assertFailed(back("github", null, noCode.state()), "/login-failed", "no_code");

            SocialSignIn.Started denied = signIn.start(start("github"));
            Outcome outcome = callback.handle(new SocialCallback.Callback("github", null, denied.state(), "access_denied",
                    "The user said no", null, denied.state(), ERRORS, ClientInfo.UNKNOWN));
            assertThat(outcome).isEqualTo(new Outcome.Failed("/login-failed", "access_denied", "The user said no"));
        }

        @Test
        void a_code_the_provider_refuses_or_an_unreadable_state_fails() {
            SocialSignIn.Started started = signIn.start(start("github"));
            assertFailed(back("github", "made-up-code", started.state()), "/login-failed", "invalid_code");

            store.verificationRepository.add(Verification.issue("auth-state:garbled", "{not a state}", Duration.ofMinutes(10),
                    clock.instant()));
            assertFailed(back("github", "code", "garbled"), ERRORS, "internal_server_error");
        }

        @Test
        void a_provider_user_without_an_email_is_refused() {
            assertFailed(roundTrip(github, providerUser("gh-42", null, true, "at")), "/login-failed", "email_not_found");
        }

        @Test
        void an_existing_address_gets_the_account_linked_only_when_both_sides_verified_it() {
            User verified = user("ada@example.com", true);
            User unverified = user("bob@example.com", false);

            assertFailed(roundTrip(github, providerUser("gh-1", "ada@example.com", false, "at")), "/login-failed",
                    "account_not_linked");
            assertFailed(roundTrip(github, providerUser("gh-2", "bob@example.com", true, "at")), "/login-failed",
                    "account_not_linked");
            assertThat(store.accountRepository.findByUser(unverified.id())).isEmpty();

            Outcome linked = roundTrip(github, providerUser("gh-1", "ada@example.com", true, "at"));
            assertThat(((Outcome.SignedInTo) linked).redirectTo()).isEqualTo("/dashboard");
            assertThat(((Outcome.SignedInTo) linked).signedIn().user().id()).isEqualTo(verified.id());
            assertThat(store.accountRepository.findByProvider("github", "gh-1").orElseThrow().userId()).isEqualTo(verified.id());
        }
    }

    @Nested
    class LinkingTest {

        final User ada = user("ada@example.com", true);
        final Session session = sessions.open(ada.id(), true, ClientInfo.UNKNOWN);
        final SignedIn caller = new SignedIn(ada, session, true);

        Outcome link(ProviderUser who) {
            SocialSignIn.Started started = signIn.link(caller, start("github"));
            return back("github", github.consent(started.state(), who), started.state());
        }

        @Test
        void the_provider_account_is_linked_to_the_caller_without_a_new_session() {
            Outcome outcome = link(providerUser("gh-42", "ADA@example.com", true, "at", "read:user"));

            assertThat(outcome).isEqualTo(new Outcome.Linked("/dashboard"));
            assertThat(store.accountRepository.findByProvider("github", "gh-42").orElseThrow().userId()).isEqualTo(ada.id());
            assertThat(store.sessionRepository.findByUser(ada.id())).extracting(Session::id).containsExactly(session.id());
        }

        @Test
        void linking_again_refreshes_tokens_and_merges_scopes() {
            link(providerUser("gh-42", "ada@example.com", true, "at-1", "read:user"));
            link(providerUser("gh-42", "ada@example.com", true, "at-2", "repo", "read:user"));

            Account account = store.accountRepository.findByProvider("github", "gh-42").orElseThrow();
            assertThat(account.accessToken()).isEqualTo("at-2");
            assertThat(account.scope()).isEqualTo("read:user,repo");
            assertThat(store.accountRepository.findByUser(ada.id())).hasSize(1);
        }

        @Test
        void the_provider_must_vouch_for_the_callers_own_address() {
            assertFailed(link(providerUser("gh-42", "ada@example.com", false, "at")), "/login-failed", "unable_to_link_account");
            assertFailed(link(providerUser("gh-42", "someone@example.com", true, "at")), "/login-failed", "email_does_not_match");
            assertThat(store.accountRepository.findByUser(ada.id())).isEmpty();
        }

        @Test
        void an_account_of_another_user_is_not_taken_over() {
            Outcome bobs = roundTrip(github, providerUser("gh-bob", "bob@example.com", true, "at"));
            UserId bob = ((Outcome.SignedInTo) bobs).signedIn().user().id();

            assertFailed(link(providerUser("gh-bob", "ada@example.com", true, "at")), "/login-failed",
                    "account_already_linked_to_different_user");
            assertThat(store.accountRepository.findByProvider("github", "gh-bob").orElseThrow().userId()).isEqualTo(bob);
        }

        @Test
        void the_session_that_asked_must_still_be_live() {
            SocialSignIn.Started started = signIn.link(caller, start("github"));
            store.sessionRepository.removeByToken(session.token());

            Outcome outcome = back("github", github.consent(started.state(),
                    providerUser("gh-42", "ada@example.com", true, "at")), started.state());

            assertFailed(outcome, "/login-failed", "unable_to_link_account");
            assertThat(store.accountRepository.findByUser(ada.id())).isEmpty();
        }
    }
}
