package dev.trellis.application.auth.twofactor;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthFailure.Kind;

/** The two-factor plugin's refusals, with Better Auth's codes, messages and statuses. */
public final class TwoFactorFailures {

    public static final String INVALID_TWO_FACTOR_COOKIE = "INVALID_TWO_FACTOR_COOKIE";
    public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE";

    private TwoFactorFailures() {
    }

    static AuthFailure invalidCode() {
        return new AuthFailure(Kind.UNAUTHORIZED, "INVALID_CODE", "Invalid code");
    }

    static AuthFailure invalidBackupCode() {
        return new AuthFailure(Kind.UNAUTHORIZED, "INVALID_BACKUP_CODE", "Invalid backup code");
    }

    public static AuthFailure invalidTwoFactorCookie() {
        return new AuthFailure(Kind.UNAUTHORIZED, INVALID_TWO_FACTOR_COOKIE, "Invalid two factor cookie");
    }

    static AuthFailure tooManyAttempts() {
        return new AuthFailure(Kind.BAD_REQUEST, TOO_MANY_ATTEMPTS, "Too many attempts. Please request a new code.");
    }

    static AuthFailure locked() {
        return new AuthFailure(Kind.TOO_MANY_REQUESTS, "ACCOUNT_TEMPORARILY_LOCKED",
                "Too many failed verification attempts. Your account is temporarily locked. Please try again later.");
    }

    static AuthFailure totpNotEnabled() {
        return new AuthFailure(Kind.BAD_REQUEST, "TOTP_NOT_ENABLED", "TOTP not enabled");
    }

    static AuthFailure totpAlreadyEnabled() {
        return new AuthFailure(Kind.BAD_REQUEST, "TOTP_ALREADY_ENABLED", "TOTP is already enabled");
    }

    static AuthFailure twoFactorNotEnabled() {
        return new AuthFailure(Kind.BAD_REQUEST, "TWO_FACTOR_NOT_ENABLED", "Two factor isn't enabled");
    }

    static AuthFailure backupCodesNotEnabled() {
        return new AuthFailure(Kind.BAD_REQUEST, "BACKUP_CODES_NOT_ENABLED", "Backup codes aren't enabled");
    }

    static AuthFailure otpHasExpired() {
        return new AuthFailure(Kind.BAD_REQUEST, "OTP_HAS_EXPIRED", "OTP has expired");
    }
}
