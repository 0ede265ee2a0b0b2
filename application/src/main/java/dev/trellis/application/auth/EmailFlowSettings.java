package dev.trellis.application.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Better Auth's defaults for the email flows: reset-password links live 1 hour, email verification
 * links 1 hour, magic links 5 minutes, one-time codes 5 minutes with 3 wrong guesses allowed.
 * {@code authBaseUrl} is where the links in the emails point: the public base URL with Better Auth's
 * base path, e.g. {@code https://app.example.com/api/auth}.
 */
public record EmailFlowSettings(String authBaseUrl, Duration resetPasswordExpiresIn, Duration emailVerificationExpiresIn,
                                Duration magicLinkExpiresIn, Duration otpExpiresIn, int otpAllowedAttempts) {

    public EmailFlowSettings {
        Objects.requireNonNull(authBaseUrl, "authBaseUrl");
        authBaseUrl = authBaseUrl.endsWith("/") ? authBaseUrl.substring(0, authBaseUrl.length() - 1) : authBaseUrl;
    }

    public static EmailFlowSettings betterAuthDefaults(String authBaseUrl) {
        return new EmailFlowSettings(authBaseUrl, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofMinutes(5), 3);
    }
}
