package dev.trellis.application.auth;

import dev.trellis.domain.shared.DomainException;

/**
 * An auth flow refused, with Better Auth's error code (e.g. {@code INVALID_EMAIL_OR_PASSWORD}) and
 * the kind of refusal, which the web adapter answers with Better Auth's status. Better Auth answers a
 * few planned refusals with a 500 and its own code (a passkey registration its WebAuthn library
 * throws on): {@link Kind#INTERNAL_SERVER_ERROR}, never for a fault of Trellis's own.
 */
public final class AuthFailure extends DomainException {

    public enum Kind { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNPROCESSABLE, CONFLICT, TOO_MANY_REQUESTS,
        INTERNAL_SERVER_ERROR }

    private final Kind kind;

    public AuthFailure(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    /** A refusal with what caused it, for the log (a 500 kind is logged with it; the client sees only the code). */
    public AuthFailure(Kind kind, String code, String message, Throwable cause) {
        super(code, null, message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static AuthFailure invalidCredentials() {
        return new AuthFailure(Kind.UNAUTHORIZED, "INVALID_EMAIL_OR_PASSWORD", "Invalid email or password");
    }

    public static AuthFailure emailNotVerified() {
        return new AuthFailure(Kind.FORBIDDEN, "EMAIL_NOT_VERIFIED", "Email not verified");
    }

    public static AuthFailure unauthorized() {
        return new AuthFailure(Kind.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized");
    }

    public static AuthFailure sessionNotFresh() {
        return new AuthFailure(Kind.FORBIDDEN, "SESSION_NOT_FRESH", "Session is not fresh");
    }

    public static AuthFailure invalidPassword() {
        return new AuthFailure(Kind.BAD_REQUEST, "INVALID_PASSWORD", "Invalid password");
    }

    public static AuthFailure passwordTooShort() {
        return new AuthFailure(Kind.BAD_REQUEST, "PASSWORD_TOO_SHORT", "Password too short");
    }

    public static AuthFailure passwordTooLong() {
        return new AuthFailure(Kind.BAD_REQUEST, "PASSWORD_TOO_LONG", "Password too long");
    }

    public static AuthFailure userExists() {
        return new AuthFailure(Kind.UNPROCESSABLE, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
                "User already exists. Use another email.");
    }

    public static AuthFailure invalidEmail() {
        return new AuthFailure(Kind.BAD_REQUEST, "INVALID_EMAIL", "Invalid email");
    }

    public static AuthFailure credentialAccountNotFound() {
        return new AuthFailure(Kind.BAD_REQUEST, "CREDENTIAL_ACCOUNT_NOT_FOUND", "Credential account not found");
    }

    public static AuthFailure sessionNotFound() {
        return new AuthFailure(Kind.NOT_FOUND, "SESSION_NOT_FOUND", "Session not found");
    }
}
