package dev.trellis.application.auth;

import java.time.Duration;

/**
 * Better Auth's defaults for sessions and passwords: sessions live 7 days and slide forward once a
 * day of use; without "remember me" they live 1 day; a session younger than a day is "fresh";
 * passwords are 8 to 128 characters.
 */
public record AuthSettings(Duration sessionExpiresIn, Duration sessionUpdateAge, Duration shortSessionExpiresIn,
                           Duration freshAge, int minPasswordLength, int maxPasswordLength) {

    public static AuthSettings betterAuthDefaults() {
        return new AuthSettings(Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), 8, 128);
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
