package dev.trellis.application.auth;

/** The refusals of the email flows, with Better Auth's codes, messages and statuses. */
public final class EmailFlowFailures {

    private EmailFlowFailures() {
    }

    /** Reset-password token unknown, used or expired (400); a bad verification link is 401 ({@link #invalidLink}). */
    public static AuthFailure invalidToken() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "INVALID_TOKEN", "Invalid token");
    }

    /** A magic link or email verification link that is not (or no longer) valid. */
    public static AuthFailure invalidLink() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "INVALID_TOKEN", "Invalid token");
    }

    public static AuthFailure linkExpired() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "TOKEN_EXPIRED", "Token expired");
    }

    /** A verification link whose user is gone (401, as Better Auth's verify-email answers). */
    public static AuthFailure linkUserNotFound() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "USER_NOT_FOUND", "User not found");
    }

    public static AuthFailure invalidUser() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "INVALID_USER", "Invalid user");
    }

    public static AuthFailure userNotFound() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "USER_NOT_FOUND", "User not found");
    }

    public static AuthFailure emailMismatch() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "EMAIL_MISMATCH", "Email mismatch");
    }

    public static AuthFailure emailAlreadyVerified() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "EMAIL_ALREADY_VERIFIED", "Email is already verified");
    }

    /** Better Auth answers this one with a message and no code. */
    public static AuthFailure emailIsTheSame() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, null, "Email is the same");
    }

    public static AuthFailure invalidOtp() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "INVALID_OTP", "Invalid OTP");
    }

    public static AuthFailure otpExpired() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "OTP_EXPIRED", "OTP expired");
    }

    public static AuthFailure tooManyAttempts() {
        return new AuthFailure(AuthFailure.Kind.FORBIDDEN, "TOO_MANY_ATTEMPTS", "Too many attempts");
    }
}
