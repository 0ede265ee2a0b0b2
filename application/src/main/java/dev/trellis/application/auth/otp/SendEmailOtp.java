package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.mail.AuthMails;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Better Auth's email-otp plugin, {@code /email-otp/send-verification-otp} (and the password-reset
 * requests {@code /email-otp/request-password-reset}, {@code /forget-password/email-otp}): a new
 * 6-digit code in {@code <type>-otp-<email>} for 5 minutes, emailed. A sign-in code goes to any
 * address (its first use signs the owner up); for the other purposes an unknown address gets the
 * same answer after the same work — the row is written, then deleted — and no email.
 */
public class SendEmailOtp {

    private final UserRepository users;
    private final VerificationRepository verifications;
    private final EmailOtps otps;
    private final Mailer mailer;
    private final EmailFlowSettings settings;

    public SendEmailOtp(UserRepository users, VerificationRepository verifications, Mailer mailer,
                        EmailFlowSettings settings, Clock clock) {
        this.users = users;
        this.verifications = verifications;
        this.otps = new EmailOtps(verifications, settings, clock);
        this.mailer = mailer;
        this.settings = settings;
    }

    @Transactional
    public void handle(EmailAddress email, EmailOtpType type) {
        String otp = otps.issue(type, email);
        Optional<User> user = users.findByEmail(email);
        if (user.isEmpty() && type != EmailOtpType.SIGN_IN) {
            verifications.removeByIdentifier(EmailOtps.identifier(type, email));
            return;
        }
        String to = user.map(found -> found.email().value()).orElse(email.value());
        mailer.send(AuthMails.otp(to, otp, type, settings.otpExpiresIn()));
    }
}
