package dev.trellis.application.auth;

import java.time.Duration;

/**
 * Better Auth's defaults for sessions and passwords: sessions live 7 days and slide forward once a
 * day of use; without "remember me" they live 1 day; a session younger than a day is "fresh";
 * passwords are 8 to 128 characters. {@code requireEmailVerification} is Better Auth's
 * {@code emailAndPassword.requireEmailVerification} (off by default): an unverified user cannot sign in
 * with a password, and sign-up opens no session; both send the verification link instead.
 */
public record AuthSettings(Duration sessionExpiresIn, Duration sessionUpdateAge, Duration shortSessionExpiresIn,
                           Duration freshAge, int minPasswordLength, int maxPasswordLength,
                           boolean requireEmailVerification) {

    public static AuthSettings betterAuthDefaults() {
        return new AuthSettings(Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), 8, 128,
                false);
    }

    public AuthSettings requiringEmailVerification(boolean required) {
        return new AuthSettings(sessionExpiresIn, sessionUpdateAge, shortSessionExpiresIn, freshAge, minPasswordLength,
                maxPasswordLength, required);
    }

    public void checkPassword(String password) {
        if (password == null || password.length() < minPasswordLength) {
            throw AuthFailure.passwordTooShort();
        }
        if (password.length() > maxPasswordLength) {
            throw AuthFailure.passwordTooLong();
        }
    }
}
