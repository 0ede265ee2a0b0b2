package dev.trellis.application.auth.email;

import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.EmailVerificationTokens.Claims;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * Better Auth's {@code /send-verification-email}: a link whose token is a JWT
 * {@code {email, userId}} valid 1 hour. Signed in, the address must be the caller's own and not yet
 * verified. Not signed in, every address gets the same answer and the same work (a token is signed
 * for unknown and already verified ones too), and only an unverified account's owner gets an email.
 */
public class SendVerificationEmail {

    private final UserRepository users;
    private final VerificationLinks links;

    public SendVerificationEmail(UserRepository users, EmailVerificationTokens tokens, Mailer mailer,
                                 EmailFlowSettings settings) {
        this.users = users;
        this.links = new VerificationLinks(tokens, mailer, settings);
    }

    /** {@code caller} is null when the request carries no session. */
    @Transactional(readOnly = true)
    public void handle(SignedIn caller, EmailAddress email, String callbackURL) {
        if (caller != null) {
            User user = caller.user();
            if (!user.email().equals(email)) {
                throw EmailFlowFailures.emailMismatch();
            }
            if (user.emailVerified()) {
                throw EmailFlowFailures.emailAlreadyVerified();
            }
            links.sendVerification(user.email().value(), user.id(), callbackURL);
            return;
        }
        Optional<User> user = users.findByEmail(email);
        if (user.isEmpty() || user.get().emailVerified()) {
            links.token(new Claims(email.value(), null, null, null)); // as much work as the real thing
            return;
        }
        links.sendVerification(user.get().email().value(), user.get().id(), callbackURL);
    }

    /**
     * The same link to a user the caller already knows is unverified: what Better Auth sends on
     * sign-up and on a refused sign-in when email verification is required.
     */
    public void sendTo(User user, String callbackURL) {
        links.sendVerification(user.email().value(), user.id(), callbackURL);
    }
}
