package dev.trellis.adapter.web.auth.in.endpoint.twofactor;

import dev.trellis.adapter.web.auth.in.cookie.TwoFactorCookies;
import dev.trellis.adapter.web.auth.in.plugin.SecondFactorStep;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.twofactor.SecondFactor;
import dev.trellis.application.auth.twofactor.SecondFactor.SignInOutcome;
import dev.trellis.application.auth.twofactor.TwoFactorSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;
import java.util.Optional;

/**
 * The two-factor plugin's step in {@code /sign-in/email}: when the user has two-factor on and no
 * trusted device vouches, the session the password opened is dropped and the answer is
 * {@code {"twoFactorRedirect": true, "twoFactorMethods": [...]}} with the two-factor cookie instead of
 * a session cookie. A trusted device gets its trust cookie renewed, a stale one is expired.
 */
public class TwoFactorSignIn implements SecondFactorStep {

    record TwoFactorRedirect(boolean twoFactorRedirect, List<String> twoFactorMethods) {
    }

    private final SecondFactor secondFactor;
    private final TwoFactorCookies cookies;
    private final TwoFactorSettings settings;

    public TwoFactorSignIn(SecondFactor secondFactor, TwoFactorCookies cookies, TwoFactorSettings settings) {
        this.secondFactor = secondFactor;
        this.cookies = cookies;
        this.settings = settings;
    }

    /** The redirect to answer instead of a session, if a second factor is due. */
    @Override
    public Optional<Object> challenge(SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        String user = signedIn.user().id().value();
        SignInOutcome outcome = secondFactor.afterSignIn(signedIn, cookies.trustIdentifier(request, user));
        if (outcome.signedIn() != null) {
            if (outcome.renewedTrust() != null) {
                cookies.setTrust(response, user, outcome.renewedTrust(), settings.trustDeviceLifetime());
            }
            return Optional.empty();
        }
        if (cookies.carriesTrust(request)) {
            cookies.expireTrust(response);
        }
        if (!signedIn.rememberMe()) {
            cookies.markDontRemember(response);
        }
        cookies.setChallenge(response, outcome.challenge(), settings.challengeLifetime());
        return Optional.of(new TwoFactorRedirect(true, outcome.methods()));
    }
}
