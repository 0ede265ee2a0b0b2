package dev.trellis.application.auth.email;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.internal.EmailOwners;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.email.EmailVerificationTokens.Claims;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Better Auth's {@code /verify-email}: reads the JWT of a verification link (made by Trellis or by a
 * Better Auth server with the same secret) and, by what it says:
 * <ul>
 * <li>{@code {email, userId}}: marks that user's address verified (again is no error);</li>
 * <li>{@code {email, updateTo, requestType: "change-email-verification", userId}}: the user, still at
 *     {@code email}, moves to {@code updateTo}, keeping its verified flag;</li>
 * <li>{@code requestType: "change-email-confirmation"} (sent to the old address by a Better Auth
 *     server with {@code sendChangeEmailConfirmation}): sends the verification link to the new address;</li>
 * <li>{@code updateTo} without a request type (older Better Auth): moves at once, unverified, and
 *     sends a verification link to the new address.</li>
 * </ul>
 * A change-email link works once: after the move its {@code email} no longer matches.
 */
public class VerifyEmail {

    /** What happened; the web layer answers each with Better Auth's JSON shape. */
    public enum Outcome { VERIFIED, EMAIL_CHANGED, CONFIRMATION_SENT }

    public record Result(Outcome outcome, User user) {
    }

    private final UserRepository users;
    private final EmailVerificationTokens tokens;
    private final VerificationLinks links;
    private final Clock clock;

    public VerifyEmail(UserRepository users, EmailVerificationTokens tokens, Mailer mailer, EmailFlowSettings settings,
                       Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.links = new VerificationLinks(tokens, mailer, settings);
        this.clock = clock;
    }

    /** {@code caller} is null without a session; {@code callbackURL} goes into a follow-up link. */
    @Transactional
    public Result handle(String token, SignedIn caller, String callbackURL) {
        EmailVerificationTokens.Reading reading = tokens.read(token);
        if (reading instanceof EmailVerificationTokens.Expired) {
            throw EmailFlowFailures.linkExpired();
        }
        if (!(reading instanceof EmailVerificationTokens.Valid valid)) {
            throw EmailFlowFailures.invalidLink();
        }
        Claims claims = valid.claims();
        EmailAddress email = email(claims.email()).orElseThrow(EmailFlowFailures::invalidLink);
        if (claims.updateTo() != null) {
            return changeEmail(claims, email, caller, callbackURL);
        }
        User user = users.findByEmail(email).orElseThrow(EmailFlowFailures::linkUserNotFound);
        if (claims.userId() != null && !claims.userId().equals(user.id().value())) {
            throw EmailFlowFailures.invalidLink();
        }
        if (!user.emailVerified()) {
            users.update(EmailOwners.withEmail(user, user.email(), true, clock.instant()));
        }
        return new Result(Outcome.VERIFIED, null);
    }

    private Result changeEmail(Claims claims, EmailAddress email, SignedIn caller, String callbackURL) {
        EmailAddress updateTo = email(claims.updateTo()).orElseThrow(EmailFlowFailures::invalidLink);
        UserId userId = userId(claims.userId()).orElseThrow(EmailFlowFailures::invalidLink);
        User bound = users.findById(userId).orElseThrow(EmailFlowFailures::linkUserNotFound);
        if (!bound.email().equals(email)) {
            throw EmailFlowFailures.invalidLink();
        }
        if (caller != null && !caller.user().id().equals(bound.id())) {
            throw EmailFlowFailures.invalidUser();
        }
        if (VerificationLinks.CHANGE_EMAIL_CONFIRMATION.equals(claims.requestType())) {
            links.sendChangeVerification(email.value(), updateTo.value(), bound.id(), callbackURL);
            return new Result(Outcome.CONFIRMATION_SENT, null);
        }
        if (users.findByEmail(updateTo).filter(other -> !other.id().equals(bound.id())).isPresent()) {
            throw AuthFailure.userExists();
        }
        boolean verification = VerificationLinks.CHANGE_EMAIL_VERIFICATION.equals(claims.requestType());
        User moved = EmailOwners.withEmail(bound, updateTo, verification && bound.emailVerified(), clock.instant());
        users.update(moved);
        if (!verification) {
            links.sendVerification(updateTo.value(), bound.id(), callbackURL);
        }
        return new Result(Outcome.EMAIL_CHANGED, moved);
    }

    private static Optional<EmailAddress> email(String raw) {
        try {
            return Optional.of(new EmailAddress(raw));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    private static Optional<UserId> userId(String raw) {
        try {
            return Optional.of(new UserId(raw));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }
}
