package dev.trellis.application.auth.email;

import dev.trellis.application.auth.mail.AuthMails;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.email.EmailVerificationTokens.Claims;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.shared.UserId;
import dev.trellis.application.auth.UriComponent;

/**
 * The links of Better Auth's email verification and email change:
 * {@code <base>/verify-email?token=<JWT>&callbackURL=<encodeURIComponent(callbackURL or "/")>}.
 */
final class VerificationLinks {

    static final String CHANGE_EMAIL_VERIFICATION = "change-email-verification";
    static final String CHANGE_EMAIL_CONFIRMATION = "change-email-confirmation";

    private final EmailVerificationTokens tokens;
    private final Mailer mailer;
    private final EmailFlowSettings settings;

    VerificationLinks(EmailVerificationTokens tokens, Mailer mailer, EmailFlowSettings settings) {
        this.tokens = tokens;
        this.mailer = mailer;
        this.settings = settings;
    }

    String token(Claims claims) {
        return tokens.issue(claims, settings.emailVerificationExpiresIn());
    }

    /** "Verify your email": {@code {email, userId}} to that address. */
    void sendVerification(String email, UserId user, String callbackURL) {
        mailer.send(AuthMails.verifyEmail(email, url(new Claims(email, null, null, user.value()), callbackURL),
                settings.emailVerificationExpiresIn()));
    }

    /** "Confirm your new address": {@code {email: current, updateTo: new, requestType, userId}} to the new address. */
    void sendChangeVerification(String currentEmail, String newEmail, UserId user, String callbackURL) {
        mailer.send(AuthMails.verifyNewEmail(newEmail,
                url(new Claims(currentEmail, newEmail, CHANGE_EMAIL_VERIFICATION, user.value()), callbackURL),
                settings.emailVerificationExpiresIn()));
    }

    private String url(Claims claims, String callbackURL) {
        return settings.authBaseUrl() + "/verify-email?token=" + token(claims) + "&callbackURL="
                + UriComponent.encode(callbackURL == null || callbackURL.isEmpty() ? "/" : callbackURL);
    }
}
