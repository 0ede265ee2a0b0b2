package dev.trellis.adapter.web.auth.in.error;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;

/**
 * Failures on Better Auth's routes in its {@code {message, code}} shape and with its statuses. Bad
 * input is a 4xx, never a 500; anything unplanned is a logged 500 {@code INTERNAL_SERVER_ERROR}; a
 * refusal Better Auth itself answers with a 500 (an {@link AuthFailure.Kind#INTERNAL_SERVER_ERROR})
 * keeps its code and is logged with its cause.
 * The error advice asks here for every request under {@code /api/auth}.
 */
public final class BetterAuthErrors {

    private static final Logger log = LoggerFactory.getLogger(BetterAuthErrors.class);

    private BetterAuthErrors() {
    }

    /** A failure thrown by an endpoint or a use case. */
    public static ResponseEntity<Object> of(Exception e) {
        if (e instanceof AuthFailure failure) {
            if (failure.kind() == AuthFailure.Kind.INTERNAL_SERVER_ERROR) {
                // Better Auth's planned 500s (its logger.error, too): the client sees the code, the log the cause
                log.error("Auth request refused with {}", failure.code(), failure);
            }
            return respond(status(failure.kind()), failure.getMessage(), failure.code());
        }
        if (e instanceof InvalidInput invalid) {
            return respond(HttpStatus.BAD_REQUEST, "[body." + invalid.field() + "] " + invalid.getMessage(), "VALIDATION_ERROR");
        }
        if (e instanceof DataAccessFailure.DuplicateValue) {
            // two sign-ups with one email racing: the loser gets what a sequential duplicate gets
            AuthFailure exists = AuthFailure.userExists();
            return respond(HttpStatus.UNPROCESSABLE_ENTITY, exists.getMessage(), exists.code());
        }
        return unexpected(e);
    }

    /** A failure of Spring MVC itself (unreadable body, wrong type, missing value, media type, unknown route...). */
    public static ResponseEntity<Object> ofRequest(Exception e, HttpStatusCode status, HttpHeaders headers) {
        if (e instanceof HttpMessageNotReadableException || e instanceof TypeMismatchException
                || e instanceof MissingRequestValueException) {
            return respond(HttpStatus.BAD_REQUEST, "Invalid request body: expected a JSON object with the documented fields",
                    "VALIDATION_ERROR");
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", "UNSUPPORTED_MEDIA_TYPE");
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null || known.is5xxServerError()) {
            return unexpected(e);
        }
        return ResponseEntity.status(known).headers(headers)
                .body(new AuthError(known.getReasonPhrase(), known.name()));
    }

    /** The status of an auth refusal, on every route. */
    public static HttpStatus status(AuthFailure.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL_SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static ResponseEntity<Object> unexpected(Exception e) {
        log.error("Auth request failed", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "INTERNAL_SERVER_ERROR");
    }

    private static ResponseEntity<Object> respond(HttpStatus status, String message, String code) {
        return ResponseEntity.status(status).body(new AuthError(message, code));
    }
}
