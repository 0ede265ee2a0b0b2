package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.internal.EmailOwners;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /sign-in/email-otp}: a right sign-in code signs the owner of the address in —
 * signed up, verified, on first use (with the given name and image); an unverified account first
 * loses what predates the proof (see {@link EmailOwners}) — with a new session. Wrong guesses are
 * counted (see {@link EmailOtps}).
 */
public class SignInWithEmailOtp {

    public record Command(EmailAddress email, String otp, String name, String image, ClientInfo client) {
    }

    private final EmailOtps otps;
    private final EmailOwners owners;
    private final Sessions sessions;

    public SignInWithEmailOtp(VerificationRepository verifications, UserRepository users, AccountRepository accounts,
                              SessionRepository sessionRows, Sessions sessions, EmailFlowSettings settings, Clock clock) {
        this.otps = new EmailOtps(verifications, settings, clock);
        this.owners = new EmailOwners(users, accounts, sessionRows, clock);
        this.sessions = sessions;
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public SignedIn handle(Command command) {
        otps.verify(EmailOtpType.SIGN_IN, command.email(), command.otp(), false);
        EmailOwners.Owner owner = owners.signInOrSignUp(command.email(), command.name(), command.image());
        return new SignedIn(owner.user(), sessions.open(owner.user().id(), true, command.client()), true);
    }
}
