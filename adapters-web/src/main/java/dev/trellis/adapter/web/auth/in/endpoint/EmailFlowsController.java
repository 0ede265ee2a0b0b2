package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Status;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.StatusMessage;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.UserJson;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.email.ChangeEmail;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.password.RequestPasswordReset;
import dev.trellis.application.auth.password.ResetPassword;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.VerifyEmail;
import dev.trellis.domain.user.EmailAddress;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.require;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.email;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.signedIn;

/**
 * Better Auth's password reset, email verification and email change endpoints under
 * {@code /api/auth}, with its bodies, redirects, JSON shapes and error codes.
 */
@RestController
@RequestMapping("/api/auth")
public class EmailFlowsController {

    static final String RESET_MESSAGE = "If this email exists in our system, check your email for the reset link";

    record RequestPasswordResetBody(String email, String redirectTo) {
    }

    record ResetPasswordBody(String newPassword, String token) {
    }

    record SendVerificationEmailBody(String email, String callbackURL) {
    }

    record ChangeEmailBody(String newEmail, String callbackURL) {
    }

    /** {@code {status, user}}: {@code user} is null unless the link changed the address. */
    record StatusAndUser(boolean status, UserJson user) {
    }

    private final RequestPasswordReset requestPasswordReset;
    private final ResetPassword resetPassword;
    private final SendVerificationEmail sendVerificationEmail;
    private final VerifyEmail verifyEmail;
    private final ChangeEmail changeEmail;
    private final AuthConfig config;
    private final AuthJson authJson;

    public EmailFlowsController(RequestPasswordReset requestPasswordReset, ResetPassword resetPassword,
                                SendVerificationEmail sendVerificationEmail, VerifyEmail verifyEmail,
                                ChangeEmail changeEmail, AuthConfig config, AuthJson authJson) {
        this.requestPasswordReset = requestPasswordReset;
        this.resetPassword = resetPassword;
        this.sendVerificationEmail = sendVerificationEmail;
        this.verifyEmail = verifyEmail;
        this.changeEmail = changeEmail;
        this.config = config;
        this.authJson = authJson;
    }

    /** Always the same answer, whether or not the address has an account. */
    @PostMapping("/request-password-reset")
    StatusMessage requestPasswordReset(@RequestBody RequestPasswordResetBody body) {
        EmailAddress email = email("email", body.email());
        CallbackUrls.requireTrusted(config, "redirectTo", body.redirectTo());
        requestPasswordReset.handle(email, body.redirectTo());
        return new StatusMessage(true, RESET_MESSAGE);
    }

    /** The link in the reset email: forwards to the app's page with {@code ?token=}, or {@code ?error=INVALID_TOKEN}. */
    @GetMapping("/reset-password/{token}")
    ResponseEntity<Void> resetPasswordCallback(@PathVariable String token,
                                               @RequestParam(required = false) String callbackURL) {
        if (callbackURL == null) {
            throw new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "VALIDATION_ERROR", "[query.callbackURL] is required");
        }
        CallbackUrls.requireTrusted(config, "callbackURL", callbackURL);
        String target = callbackURL.isEmpty() ? AuthConfig.origin(config.baseUrl()) + AuthConfig.BASE_PATH + "/error"
                : CallbackUrls.absolute(config, callbackURL);
        if (callbackURL.isEmpty() || !resetPassword.isUsable(token)) {
            return CallbackUrls.redirect(CallbackUrls.withParam(target, "error", "INVALID_TOKEN"));
        }
        return CallbackUrls.redirect(CallbackUrls.withParam(target, "token", token));
    }

    @PostMapping("/reset-password")
    Status resetPassword(@RequestBody ResetPasswordBody body, @RequestParam(required = false) String token) {
        require("newPassword", body.newPassword());
        String resetToken = body.token() != null && !body.token().isEmpty() ? body.token() : token;
        if (resetToken == null || resetToken.isEmpty()) {
            throw EmailFlowFailures.invalidToken();
        }
        resetPassword.handle(resetToken, body.newPassword());
        return new Status(true);
    }

    @PostMapping("/send-verification-email")
    Status sendVerificationEmail(@AuthenticationPrincipal SignedIn caller, @RequestBody SendVerificationEmailBody body) {
        EmailAddress email = email("email", body.email());
        CallbackUrls.requireTrusted(config, "callbackURL", body.callbackURL());
        sendVerificationEmail.handle(caller, email, body.callbackURL());
        return new Status(true);
    }

    /**
     * The link in a verification email. With {@code callbackURL}: a redirect there (with
     * {@code ?error=CODE} on failure); without: JSON, or 401 with the code.
     */
    @GetMapping("/verify-email")
    ResponseEntity<?> verifyEmail(@AuthenticationPrincipal SignedIn caller, @RequestParam(required = false) String token,
                                  @RequestParam(required = false) String callbackURL) {
        if (token == null) {
            throw new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "VALIDATION_ERROR", "[query.token] is required");
        }
        CallbackUrls.requireTrusted(config, "callbackURL", callbackURL);
        boolean redirect = callbackURL != null && !callbackURL.isEmpty();
        VerifyEmail.Result result;
        try {
            result = verifyEmail.handle(token, caller, callbackURL);
        } catch (AuthFailure e) {
            if (redirect && e.code() != null) {
                return CallbackUrls.redirect(CallbackUrls.withParam(callbackURL, "error", e.code()));
            }
            throw e;
        }
        if (redirect) {
            return CallbackUrls.redirect(callbackURL);
        }
        return ResponseEntity.ok(switch (result.outcome()) {
            case CONFIRMATION_SENT -> new Status(true);
            case EMAIL_CHANGED -> new StatusAndUser(true, authJson.user(result.user()));
            case VERIFIED -> new StatusAndUser(true, null);
        });
    }

    @PostMapping("/change-email")
    Status changeEmail(@AuthenticationPrincipal SignedIn caller, @RequestBody ChangeEmailBody body) {
        SignedIn signedIn = signedIn(caller);
        EmailAddress newEmail = email("newEmail", body.newEmail());
        CallbackUrls.requireTrusted(config, "callbackURL", body.callbackURL());
        changeEmail.handle(signedIn, newEmail, body.callbackURL());
        return new Status(true);
    }
}
