package dev.trellis.application.auth.social;

import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.SocialFailures;
import dev.trellis.domain.shared.Ids;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Better Auth's {@code /sign-in/social} and {@code /link-social}: a fresh state (32 random URL-safe
 * characters), PKCE code verifier (128) and, for OpenID Connect, nonce (32) are kept in a
 * verification row, and the browser is sent to the provider's authorization URL. Also the
 * redirect-free variant: {@code /sign-in/social} with an id token the client obtained itself.
 */
public class SocialSignIn {

    /** Where to go afterwards ({@code callbackURL} already defaulted and checked), and what to ask the provider for. */
    public record Start(String providerId, String callbackURL, String errorCallbackURL, String newUserCallbackURL,
                        List<String> scopes, String loginHint, Boolean requestSignUp) {
    }

    /** The provider's authorization URL; {@code state} also goes into the browser's state cookie. */
    public record Started(String url, String state) {
    }

    public record IdTokenSignIn(String providerId, String idToken, String nonce, String accessToken, String refreshToken,
                                ClientInfo client) {
    }

    private final SocialProviders providers;
    private final OAuthStates states;
    private final SocialAccounts accounts;
    private final Clock clock;

    public SocialSignIn(SocialProviders providers, OAuthStates states, SocialAccounts accounts, Clock clock) {
        this.providers = providers;
        this.states = states;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public Started start(Start command) {
        return begin(command, null);
    }

    /** {@code /link-social}: the account the provider names will be linked to the caller. */
    @Transactional
    public Started link(SignedIn caller, Start command) {
        return begin(command, new OAuthState.Link(caller.user().email().value(), caller.user().id().value(),
                caller.session().token()));
    }

    private Started begin(Start command, OAuthState.Link link) {
        SocialProvider provider = providers.find(command.providerId()).orElseThrow(SocialFailures::providerNotFound);
        String state = Ids.nanoid(32);
        String codeVerifier = Ids.nanoid(128);
        String nonce = provider.bindsIdTokenNonce() ? Ids.nanoid(32) : null;
        states.save(new OAuthState(command.callbackURL(), codeVerifier, command.errorCallbackURL(),
                command.newUserCallbackURL(), link, clock.instant().plus(OAuthStates.LIFETIME), command.requestSignUp(),
                nonce, state));
        String url = provider.authorizationUrl(new SocialProvider.AuthorizationRequest(state, codeVerifier, nonce,
                command.scopes(), command.loginHint()));
        return new Started(url, state);
    }

    /**
     * Sign-in with an id token the client got from the provider itself (Google One Tap, a native
     * SDK): verified against the provider's keys, then the same user and account rules as the
     * callback. Not transactional itself: the provider's keys may be fetched first.
     */
    public SignedIn signInWithIdToken(IdTokenSignIn command) {
        SocialProvider provider = providers.find(command.providerId()).orElseThrow(SocialFailures::providerNotFound);
        if (!provider.verifiesIdTokens()) {
            throw SocialFailures.idTokenNotSupported();
        }
        SocialProvider.ProviderUser user;
        try {
            user = provider.verifyIdToken(new SocialProvider.IdToken(command.idToken(), command.nonce(),
                    command.accessToken(), command.refreshToken()));
        } catch (SocialProvider.Refused e) {
            throw SocialFailures.invalidToken();
        }
        if (user.email() == null) {
            throw SocialFailures.userEmailNotFound();
        }
        SocialAccounts.SignInResult result = accounts.signIn(provider.id(), user, false, command.client());
        if (result instanceof SocialAccounts.SignInResult.Refused refused) {
            throw SocialFailures.oauthLinkError(refused.error().replace('_', ' '));
        }
        return ((SocialAccounts.SignInResult.SignedInWith) result).signedIn();
    }
}
