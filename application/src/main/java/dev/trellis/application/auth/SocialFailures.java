package dev.trellis.application.auth;

/** Better Auth's answers for social sign-in and accounts that are not redirects. */
public final class SocialFailures {

    private SocialFailures() {
    }

    public static AuthFailure providerNotFound() {
        return new AuthFailure(AuthFailure.Kind.NOT_FOUND, "PROVIDER_NOT_FOUND", "Provider not found");
    }

    public static AuthFailure idTokenNotSupported() {
        return new AuthFailure(AuthFailure.Kind.NOT_FOUND, "ID_TOKEN_NOT_SUPPORTED", "id_token not supported");
    }

    public static AuthFailure invalidToken() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "INVALID_TOKEN", "Invalid token");
    }

    public static AuthFailure userEmailNotFound() {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "USER_EMAIL_NOT_FOUND", "User email not found");
    }

    public static AuthFailure oauthLinkError(String error) {
        return new AuthFailure(AuthFailure.Kind.UNAUTHORIZED, "OAUTH_LINK_ERROR", error);
    }

    public static AuthFailure lastAccount() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "FAILED_TO_UNLINK_LAST_ACCOUNT", "You can't unlink your last account");
    }

    public static AuthFailure accountNotFound() {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "ACCOUNT_NOT_FOUND", "Account not found");
    }
}
