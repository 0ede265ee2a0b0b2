package dev.trellis.adapter.web.auth.in.error;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the {@code /api/auth} endpoints in Better Auth's {@code {message, code}} shape and
 * statuses (the rest of {@code /api} answers RFC 9457 problems). Bad input is a 4xx, never a 500.
 */
@RestControllerAdvice(basePackages = "dev.trellis.adapter.web.auth")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuthErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(AuthErrorAdvice.class);

    @ExceptionHandler(AuthFailure.class)
    ResponseEntity<AuthError> authFailure(AuthFailure e) {
        return respond(statusOf(e.kind()), e.getMessage(), e.code());
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<AuthError> invalidInput(InvalidInput e) {
        return respond(HttpStatus.BAD_REQUEST, "[body." + e.field() + "] " + e.getMessage(), "VALIDATION_ERROR");
    }

    /** Two sign-ups with one email racing: the loser gets what a sequential duplicate gets. */
    @ExceptionHandler(DataAccessFailure.DuplicateValue.class)
    ResponseEntity<AuthError> duplicate(DataAccessFailure.DuplicateValue e) {
        AuthFailure exists = AuthFailure.userExists();
        return respond(HttpStatus.UNPROCESSABLE_ENTITY, exists.getMessage(), exists.code());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, TypeMismatchException.class, MissingRequestValueException.class})
    ResponseEntity<AuthError> malformed(Exception e) {
        return respond(HttpStatus.BAD_REQUEST, "Invalid request body: expected a JSON object with the documented fields",
                "VALIDATION_ERROR");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<AuthError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", "UNSUPPORTED_MEDIA_TYPE");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<AuthError> unexpected(Exception e) {
        log.error("Auth request failed", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "INTERNAL_SERVER_ERROR");
    }

    static HttpStatus statusOf(AuthFailure.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static ResponseEntity<AuthError> respond(HttpStatus status, String message, String code) {
        return ResponseEntity.status(status).body(new AuthError(message, code));
    }
}
