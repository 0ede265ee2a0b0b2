package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's {@code /email-otp/check-verification-otp}: tells whether a code is right without
 * using it up (a wrong guess still counts), e.g. before showing the new-password form.
 */
public class CheckEmailOtp {

    private final UserRepository users;
    private final EmailOtps otps;

    public CheckEmailOtp(VerificationRepository verifications, UserRepository users, EmailFlowSettings settings,
                         Clock clock) {
        this.users = users;
        this.otps = new EmailOtps(verifications, settings, clock);
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public void handle(EmailAddress email, EmailOtpType type, String otp) {
        otps.verify(type, email, otp, true);
        if (users.findByEmail(email).isEmpty()) {
            throw EmailFlowFailures.userNotFound();
        }
    }
}
