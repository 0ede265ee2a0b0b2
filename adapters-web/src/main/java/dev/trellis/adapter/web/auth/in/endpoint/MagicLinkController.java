package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.SessionJson;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Status;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.UserJson;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.magiclink.SendMagicLink;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.magiclink.VerifyMagicLink;
import dev.trellis.domain.user.EmailAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.client;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.email;

/**
 * Better Auth's magic-link plugin under {@code /api/auth}: {@code /sign-in/magic-link} emails a
 * link; {@code /magic-link/verify} signs in with it and sets the session cookie — then redirects to
 * {@code callbackURL} ({@code newUserCallbackURL} after a sign-up), or, called without
 * {@code callbackURL}, answers {@code {token, user, session}}. A bad link always redirects, to
 * {@code errorCallbackURL} (else {@code callbackURL}, else {@code /}) with {@code ?error=INVALID_TOKEN}.
 */
@RestController
@RequestMapping("/api/auth")
public class MagicLinkController {

    record SignInMagicLinkBody(String email, String name, String callbackURL, String newUserCallbackURL,
                               String errorCallbackURL) {
    }

    record TokenUserSession(String token, UserJson user, SessionJson session) {
    }

    private final SendMagicLink sendMagicLink;
    private final VerifyMagicLink verifyMagicLink;
    private final AuthCookies cookies;
    private final AuthConfig config;
    private final AuthJson authJson;

    public MagicLinkController(SendMagicLink sendMagicLink, VerifyMagicLink verifyMagicLink, AuthCookies cookies,
                               AuthConfig config, AuthJson authJson) {
        this.sendMagicLink = sendMagicLink;
        this.verifyMagicLink = verifyMagicLink;
        this.cookies = cookies;
        this.config = config;
        this.authJson = authJson;
    }

    @PostMapping("/sign-in/magic-link")
    Status signInMagicLink(@RequestBody SignInMagicLinkBody body) {
        EmailAddress email = email("email", body.email());
        CallbackUrls.requireTrusted(config, "callbackURL", body.callbackURL());
        CallbackUrls.requireTrusted(config, "errorCallbackURL", body.errorCallbackURL());
        CallbackUrls.requireTrusted(config, "newUserCallbackURL", body.newUserCallbackURL());
        sendMagicLink.handle(new SendMagicLink.Command(email, body.name(), body.callbackURL(), body.newUserCallbackURL(),
                body.errorCallbackURL()));
        return new Status(true);
    }

    @GetMapping("/magic-link/verify")
    ResponseEntity<?> verify(@RequestParam(required = false) String token,
                             @RequestParam(required = false) String callbackURL,
                             @RequestParam(required = false) String newUserCallbackURL,
                             @RequestParam(required = false) String errorCallbackURL,
                             HttpServletRequest request, HttpServletResponse response) {
        if (token == null) {
            throw new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "VALIDATION_ERROR", "[query.token] is required");
        }
        // Better Auth checks all three as "callbackURL" here.
        for (String url : new String[]{callbackURL, newUserCallbackURL, errorCallbackURL}) {
            CallbackUrls.requireTrusted(config, "callbackURL", url);
        }
        String success = CallbackUrls.absolute(config, present(callbackURL) ? callbackURL : "/");
        String failure = present(errorCallbackURL) ? CallbackUrls.absolute(config, errorCallbackURL) : success;
        VerifyMagicLink.Result result;
        try {
            result = verifyMagicLink.handle(token, client(request));
        } catch (AuthFailure e) {
            return CallbackUrls.redirect(CallbackUrls.withParam(failure, "error", e.code() == null ? "INVALID_TOKEN" : e.code()));
        }
        SignedIn signedIn = result.signedIn();
        cookies.setSession(response, signedIn.session(), true);
        if (!present(callbackURL)) {
            return ResponseEntity.ok(new TokenUserSession(signedIn.session().token().value(), authJson.user(signedIn.user()),
                    AuthJson.session(signedIn.session())));
        }
        if (result.newUser() && present(newUserCallbackURL)) {
            return CallbackUrls.redirect(CallbackUrls.absolute(config, newUserCallbackURL));
        }
        return CallbackUrls.redirect(success);
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
