package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.EmailAddress;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * What every Better Auth endpoint checks on a request, refused with Better Auth's codes: required
 * body fields ({@code VALIDATION_ERROR}), an email address, a signed-in caller ({@code UNAUTHORIZED}),
 * and the client's address and user agent for the session.
 */
public final class AuthRequests {

    private AuthRequests() {
    }

    public static void require(String field, String value) {
        if (value == null) {
            throw validation(field, "is required");
        }
    }

    public static AuthFailure validation(String field, String problem) {
        return new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "VALIDATION_ERROR", "[body." + field + "] " + problem);
    }

    /** Better Auth's {@code z.email()} on the body: missing or malformed is a VALIDATION_ERROR. */
    static EmailAddress email(String field, String value) {
        require(field, value);
        try {
            return new EmailAddress(value);
        } catch (InvalidInput e) {
            throw validation(field, "Invalid email address");
        }
    }

    public static SignedIn signedIn(SignedIn caller) {
        if (caller == null) {
            throw AuthFailure.unauthorized();
        }
        return caller;
    }

    public static ClientInfo client(HttpServletRequest request) {
        return new ClientInfo(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }
}
