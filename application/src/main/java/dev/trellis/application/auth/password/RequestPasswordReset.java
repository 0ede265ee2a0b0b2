package dev.trellis.application.auth.password;

import dev.trellis.application.auth.mail.AuthMails;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import dev.trellis.application.auth.UriComponent;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Better Auth's {@code /request-password-reset}: a {@code reset-password:<24 alphanumerics>} row
 * holding the user id for 1 hour, and an email with the link
 * {@code <base>/reset-password/<token>?callbackURL=<redirectTo>}. An unknown address gets no email,
 * the same answer and the same database work (a token made, one lookup), so nothing tells which
 * addresses have accounts.
 */
public class RequestPasswordReset {

    static final int TOKEN_LENGTH = 24;

    private final UserRepository users;
    private final VerificationRepository verifications;
    private final Mailer mailer;
    private final EmailFlowSettings settings;
    private final Clock clock;

    public RequestPasswordReset(UserRepository users, VerificationRepository verifications, Mailer mailer,
                                EmailFlowSettings settings, Clock clock) {
        this.users = users;
        this.verifications = verifications;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public void handle(EmailAddress email, String redirectTo) {
        Optional<User> user = users.findByEmail(email);
        String token = RandomTokens.of(RandomTokens.ALPHANUMERIC, TOKEN_LENGTH);
        if (user.isEmpty()) {
            verifications.findByIdentifier("dummy-verification-token"); // as much work as the real thing
            return;
        }
        verifications.add(Verification.issue(ResetPassword.identifier(token), user.get().id().value(),
                settings.resetPasswordExpiresIn(), clock.instant()));
        String url = settings.authBaseUrl() + "/reset-password/" + token + "?callbackURL="
                + (redirectTo == null ? "" : UriComponent.encode(redirectTo));
        mailer.send(AuthMails.resetPassword(user.get().email().value(), url, settings.resetPasswordExpiresIn()));
    }
}
