package dev.trellis.application.auth.mail;

import dev.trellis.application.auth.EmailOtpType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The emails of the auth flows, and the links in them, built as Better Auth builds them. */
public final class AuthMails {

    private AuthMails() {
    }

    public static MailMessage resetPassword(String to, String url, Duration validFor) {
        return new MailMessage(to, "Reset your password", """
                Someone asked to reset the password of the account of %s.

                Choose a new password here:
                %s

                The link works once, within %s. If you did not ask for it, ignore this email: your password stays as it is.
                """.formatted(to, url, words(validFor)));
    }

    public static MailMessage verifyEmail(String to, String url, Duration validFor) {
        return new MailMessage(to, "Verify your email address", """
                Confirm that %s is your email address:
                %s

                The link is valid for %s.
                """.formatted(to, url, words(validFor)));
    }

    static MailMessage confirmEmailChange(String to, String newEmail, String url, Duration validFor) {
        return new MailMessage(to, "Approve the change of your email address", """
                Someone asked to change the email address of your account from %s to %s.

                Approve the change here:
                %s

                The link is valid for %s. If you did not ask for it, ignore this email.
                """.formatted(to, newEmail, url, words(validFor)));
    }

    public static MailMessage verifyNewEmail(String to, String url, Duration validFor) {
        return new MailMessage(to, "Confirm your new email address", """
                Confirm that %s is the new email address of your account:
                %s

                The link is valid for %s. If you did not ask for it, ignore this email.
                """.formatted(to, url, words(validFor)));
    }

    public static MailMessage magicLink(String to, String url, Duration validFor) {
        return new MailMessage(to, "Your sign-in link", """
                Sign in with this link:
                %s

                It works once, within %s. If you did not ask for it, ignore this email.
                """.formatted(url, words(validFor)));
    }

    public static MailMessage otp(String to, String otp, EmailOtpType type, Duration validFor) {
        String subject = switch (type) {
            case SIGN_IN -> "Your sign-in code";
            case EMAIL_VERIFICATION -> "Your email verification code";
            case FORGET_PASSWORD -> "Your password reset code";
        };
        return new MailMessage(to, subject, """
                Your code: %s

                It is valid for %s. If you did not ask for it, ignore this email.
                """.formatted(otp, words(validFor)));
    }

    /** {@code name=value} as {@code URLSearchParams} writes it (form encoding). */
    public static String queryParam(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String words(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes >= 60 && minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        if (minutes >= 1) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return duration.toSeconds() + " seconds";
    }
}
