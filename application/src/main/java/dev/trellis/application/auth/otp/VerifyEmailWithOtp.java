package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.internal.EmailOwners;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Better Auth's {@code /email-otp/verify-email}: a right email-verification code marks the address verified. */
public class VerifyEmailWithOtp {

    private final UserRepository users;
    private final EmailOtps otps;
    private final Clock clock;

    public VerifyEmailWithOtp(VerificationRepository verifications, UserRepository users, EmailFlowSettings settings,
                              Clock clock) {
        this.users = users;
        this.otps = new EmailOtps(verifications, settings, clock);
        this.clock = clock;
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public User handle(EmailAddress email, String otp) {
        otps.verify(EmailOtpType.EMAIL_VERIFICATION, email, otp, false);
        User user = users.findByEmail(email).orElseThrow(EmailFlowFailures::userNotFound);
        User verified = EmailOwners.withEmail(user, email, true, clock.instant());
        users.update(verified);
        return verified;
    }
}
