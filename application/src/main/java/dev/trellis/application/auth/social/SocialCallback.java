package dev.trellis.application.auth.social;

import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.shared.DataAccessFailure;

import java.util.Optional;

/**
 * Better Auth's {@code /callback/:providerId}: the state is taken (single use, bound to the browser's
 * state cookie), the code is exchanged with the PKCE verifier, and the provider's user signs in,
 * is created, or — when the flow came from {@code /link-social} — is linked to the user who asked.
 * Every failure is a redirect to the flow's error URL with Better Auth's {@code error} code.
 * <p>
 * Not transactional itself: the provider is called between two short transactions (taking the
 * state; writing the user, account and session), so no database connection waits on the network.
 */
public class SocialCallback {

    /**
     * The callback's parameters; {@code stateFromCookie} is the verified state cookie (null when absent
     * or forged); {@code defaultErrorURL} is where errors go when the state names no error URL.
     */
    public record Callback(String providerId, String code, String state, String error, String errorDescription,
                           String issuer, String stateFromCookie, String defaultErrorURL, ClientInfo client) {
    }

    public sealed interface Outcome {
        /** Signed in: set the session cookie and go to {@code redirectTo}. */
        record SignedInTo(SignedIn signedIn, String redirectTo) implements Outcome {
        }

        /** The account was linked to the signed-in user (no new session). */
        record Linked(String redirectTo) implements Outcome {
        }

        /** Go to {@code errorURL} with {@code ?error=<error>} (and {@code error_description} when given). */
        record Failed(String errorURL, String error, String description) implements Outcome {
        }
    }

    private final OAuthStates states;
    private final SocialProviders providers;
    private final SocialAccounts accounts;

    public SocialCallback(OAuthStates states, SocialProviders providers, SocialAccounts accounts) {
        this.states = states;
        this.providers = providers;
        this.accounts = accounts;
    }

    public Outcome handle(Callback callback) {
        if (callback.state() == null || callback.state().isEmpty()) {
            return new Outcome.Failed(callback.defaultErrorURL(), "state_not_found", null);
        }
        OAuthStates.Taken taken = states.take(callback.state(), callback.stateFromCookie());
        if (taken instanceof OAuthStates.Taken.Mismatch mismatch) {
            return new Outcome.Failed(orDefault(mismatch.errorURL(), callback), "state_mismatch", null);
        }
        if (!(taken instanceof OAuthStates.Taken.Valid valid)) {
            return new Outcome.Failed(callback.defaultErrorURL(), "internal_server_error", null);
        }
        OAuthState state = valid.state();
        String errorURL = orDefault(state.errorURL(), callback);
        if (callback.error() != null) {
            return new Outcome.Failed(errorURL, callback.error(), callback.errorDescription());
        }
        if (callback.code() == null) {
            return new Outcome.Failed(errorURL, "no_code", null);
        }
        Optional<SocialProvider> provider = providers.find(callback.providerId());
        if (provider.isEmpty()) {
            return new Outcome.Failed(errorURL, "oauth_provider_not_found", null);
        }
        SocialProvider.ProviderUser user;
        try {
            user = provider.get().exchange(new SocialProvider.CodeExchange(callback.code(), state.codeVerifier(),
                    callback.state(), state.idTokenNonce(), callback.issuer()));
        } catch (SocialProvider.Refused e) {
            return new Outcome.Failed(errorURL, e.error(), null);
        }
        if (state.link() != null) {
            Optional<String> refused = accounts.link(state.link(), provider.get().id(), user);
            return refused.<Outcome>map(error -> new Outcome.Failed(errorURL, error, null))
                    .orElseGet(() -> new Outcome.Linked(state.callbackURL()));
        }
        if (user.email() == null) {
            return new Outcome.Failed(errorURL, "email_not_found", null);
        }
        SocialAccounts.SignInResult result;
        try {
            result = accounts.signIn(provider.get().id(), user, false, callback.client());
        } catch (DataAccessFailure.DuplicateValue e) {
            return new Outcome.Failed(errorURL, "unable_to_create_user", null); // a concurrent callback made the same user
        }
        if (result instanceof SocialAccounts.SignInResult.Refused refused) {
            return new Outcome.Failed(errorURL, refused.error(), null);
        }
        SocialAccounts.SignInResult.SignedInWith signedIn = (SocialAccounts.SignInResult.SignedInWith) result;
        String redirectTo = signedIn.registered() && state.newUserURL() != null ? state.newUserURL() : state.callbackURL();
        return new Outcome.SignedInTo(signedIn.signedIn(), redirectTo);
    }

    private static String orDefault(String errorURL, Callback callback) {
        return errorURL != null ? errorURL : callback.defaultErrorURL();
    }
}
