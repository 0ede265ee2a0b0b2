package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.internal.CredentialPasswords;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.internal.EmailOwners;
import dev.trellis.application.auth.password.PasswordHasher;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /email-otp/reset-password}: a right forget-password code sets the new password
 * on the credential account (made if there was none) and, since the code proved the address, marks
 * it verified. Sessions stay.
 */
public class ResetPasswordWithEmailOtp {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final EmailOtps otps;
    private final AuthSettings authSettings;
    private final Clock clock;

    public ResetPasswordWithEmailOtp(VerificationRepository verifications, UserRepository users,
                                     AccountRepository accounts, PasswordHasher hasher, AuthSettings authSettings,
                                     EmailFlowSettings settings, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.otps = new EmailOtps(verifications, settings, clock);
        this.authSettings = authSettings;
        this.clock = clock;
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public void handle(EmailAddress email, String otp, String newPassword) {
        authSettings.checkPassword(newPassword);
        otps.verify(EmailOtpType.FORGET_PASSWORD, email, otp, false);
        User user = users.findByEmail(email).orElseThrow(EmailFlowFailures::userNotFound);
        CredentialPasswords.set(accounts, user.id(), hasher.hash(newPassword), clock.instant());
        if (!user.emailVerified()) {
            users.update(EmailOwners.withEmail(user, user.email(), true, clock.instant()));
        }
    }
}
