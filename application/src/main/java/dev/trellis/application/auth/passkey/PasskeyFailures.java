package dev.trellis.application.auth.passkey;

import dev.trellis.application.auth.AuthFailure;

/** The passkey plugin's refusals, with its codes, messages and statuses. */
public final class PasskeyFailures {

    private PasskeyFailures() {
    }

    public static AuthFailure challengeNotFound() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "CHALLENGE_NOT_FOUND", "Challenge not found");
    }

    public static AuthFailure notAllowed() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY",
                "You are not allowed to register this passkey");
    }

    /**
     * A registration that could not be verified: 400 when there is no origin to check it against or
     * only the attestation's signature failed (SimpleWebAuthn answers {@code verified: false}); 500
     * when the check itself refused it (SimpleWebAuthn throws, and Better Auth answers that with
     * {@code INTERNAL_SERVER_ERROR}).
     */
    public static AuthFailure registrationFailed(AuthFailure.Kind kind, Throwable cause) {
        return new AuthFailure(kind, "FAILED_TO_VERIFY_REGISTRATION", "Failed to verify registration", cause);
    }

    /** An unknown credential at sign-in (401), or an unknown id when managing passkeys (404). */
    public static AuthFailure passkeyNotFound(AuthFailure.Kind kind) {
        return new AuthFailure(kind, "PASSKEY_NOT_FOUND", "Passkey not found");
    }

    /** A bad signature is a 401; any other refused assertion a 400. */
    public static AuthFailure authenticationFailed(AuthFailure.Kind kind) {
        return new AuthFailure(kind, "AUTHENTICATION_FAILED", "Authentication failed");
    }

    /** Registration without a session while {@code requireSession} is off (Better Auth would ask its {@code resolveUser}). */
    public static AuthFailure resolveUserRequired() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "RESOLVE_USER_REQUIRED", "Passkey registration requires either"
                + " an authenticated session or a resolveUser callback when requireSession is false");
    }

    /** {@code createSession} for a user who is gone. */
    public static AuthFailure userNotFound() {
        return new AuthFailure(AuthFailure.Kind.INTERNAL_SERVER_ERROR, "USER_NOT_FOUND", "User not found");
    }

    public static AuthFailure originMissing() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "BAD_REQUEST", "origin missing");
    }
}
