package dev.trellis.application.auth.email;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.internal.EmailOwners;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.EmailVerificationTokens.Claims;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /change-email}, enabled (Better Auth ships it disabled) with
 * {@code updateEmailWithoutVerification}: an address that was never verified is replaced at once and
 * the new one gets a verification link; a verified address stays until the owner opens the link sent
 * to the new address (a JWT {@code {email, updateTo, requestType: "change-email-verification", userId}}),
 * and the new address is verified by that. An address another account uses gets the same answer and
 * no email, so the endpoint does not tell which addresses are taken.
 */
public class ChangeEmail {

    private final UserRepository users;
    private final VerificationLinks links;
    private final Clock clock;

    public ChangeEmail(UserRepository users, EmailVerificationTokens tokens, Mailer mailer, EmailFlowSettings settings,
                       Clock clock) {
        this.users = users;
        this.links = new VerificationLinks(tokens, mailer, settings);
        this.clock = clock;
    }

    @Transactional
    public void handle(SignedIn caller, EmailAddress newEmail, String callbackURL) {
        User user = users.findById(caller.user().id()).orElseThrow(AuthFailure::unauthorized);
        if (user.email().equals(newEmail)) {
            throw EmailFlowFailures.emailIsTheSame();
        }
        if (users.findByEmail(newEmail).isPresent()) {
            links.token(new Claims(user.email().value(), newEmail.value(), null, user.id().value())); // same work
            return;
        }
        if (!user.emailVerified()) {
            users.update(EmailOwners.withEmail(user, newEmail, false, clock.instant()));
            links.sendVerification(newEmail.value(), user.id(), callbackURL);
            return;
        }
        links.sendChangeVerification(user.email().value(), newEmail.value(), user.id(), callbackURL);
    }
}
