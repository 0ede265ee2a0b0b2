package dev.trellis.application.auth.magiclink;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.internal.EmailOwners;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.SingleUse;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /magic-link/verify}: the link's row is consumed (it works once; an expired one
 * is deleted and refused), the owner of the address is signed in — signed up, verified, on first
 * use; an unverified account first loses what predates the proof (see {@link EmailOwners}) — and gets
 * a session. Any refusal is INVALID_TOKEN.
 */
public class VerifyMagicLink {

    public record Result(SignedIn signedIn, boolean newUser) {
    }

    private final VerificationRepository verifications;
    private final EmailOwners owners;
    private final Sessions sessions;
    private final Clock clock;

    public VerifyMagicLink(VerificationRepository verifications, UserRepository users, AccountRepository accounts,
                           SessionRepository sessionRows, Sessions sessions, Clock clock) {
        this.verifications = verifications;
        this.owners = new EmailOwners(users, accounts, sessionRows, clock);
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public Result handle(String token, ClientInfo client) {
        String identifier = SendMagicLink.identifier(token);
        boolean wellFormed = verifications.findByIdentifier(identifier)
                .flatMap(row -> MagicLinkRecord.parse(row.value())).isPresent();
        if (!wellFormed) {
            throw EmailFlowFailures.invalidLink();
        }
        Verification consumed = SingleUse.consume(verifications, identifier, clock.instant())
                .orElseThrow(EmailFlowFailures::invalidLink);
        MagicLinkRecord record = MagicLinkRecord.parse(consumed.value()).orElseThrow(EmailFlowFailures::invalidLink);
        EmailAddress email;
        try {
            email = new EmailAddress(record.email());
        } catch (InvalidInput e) {
            throw EmailFlowFailures.invalidLink();
        }
        EmailOwners.Owner owner = owners.signInOrSignUp(email, record.name(), null);
        return new Result(new SignedIn(owner.user(), sessions.open(owner.user().id(), true, client), true), owner.isNew());
    }
}
