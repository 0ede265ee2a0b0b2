package dev.trellis.adapter.web.error;

import dev.trellis.application.ConflictingState;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.Forbidden;
import dev.trellis.application.PreconditionFailed;
import dev.trellis.domain.item.IllegalStatusTransition;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.StaleVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * The one place that turns failures into RFC 9457 {@code application/problem+json} bodies, so
 * controllers stay free of try/catch. Every body carries a stable {@code code} clients can switch on;
 * bodies never carry SQL, constraint names or stack traces (those go to the log).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    static final String CODE = "code";
    static final String ERRORS = "errors";

    /** One refused input: the shape of each entry of {@code errors}. */
    public record FieldProblem(String field, String code, String message) {
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
        problem.setProperty(ERRORS, List.of(new FieldProblem(e.field(), e.code(), e.getMessage())));
        return respond(problem);
    }

    /** An auth refusal outside /api/auth (the auth endpoints answer in Better Auth's own shape). */
    @ExceptionHandler(AuthFailure.class)
    ResponseEntity<ProblemDetail> authFailure(AuthFailure e) {
        HttpStatus status = switch (e.kind()) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return respond(problem(status, e.code(), e.getMessage()));
    }

    @ExceptionHandler(PreconditionFailed.class)
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailed e) {
        return respond(problem(HttpStatus.PRECONDITION_FAILED, e.code(), e.getMessage()));
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<ProblemDetail> forbidden(Forbidden e) {
        return respond(problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage()));
    }

    @ExceptionHandler(ConflictingState.class)
    ResponseEntity<ProblemDetail> conflictingState(ConflictingState e) {
        return respond(problem(HttpStatus.CONFLICT, e.code(), e.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return respond(problem(HttpStatus.NOT_FOUND, e.code(), e.getMessage()));
    }

    @ExceptionHandler(IllegalStatusTransition.class)
    ResponseEntity<ProblemDetail> illegalTransition(IllegalStatusTransition e) {
        return respond(problem(HttpStatus.CONFLICT, e.code(), e.getMessage()));
    }

    /** A lost race on the stored version. When the REST issue adds If-Match, a failed precondition answers 412 there. */
    @ExceptionHandler(StaleVersion.class)
    ResponseEntity<ProblemDetail> staleVersion(StaleVersion e) {
        return respond(problem(HttpStatus.CONFLICT, e.code(), e.getMessage()));
    }

    /**
     * The database refused a statement. The detail is the failure's fixed, SQL-free message; the
     * constraint name stays out of the body because it describes the schema, not the request.
     */
    @ExceptionHandler(DataAccessFailure.class)
    ResponseEntity<ProblemDetail> dataAccessFailure(DataAccessFailure e) {
        HttpStatus status = statusOf(e);
        if (status.is5xxServerError()) {
            log.error("Storage failed ({})", e.code(), e);
        } else if (e instanceof DataAccessFailure.QueryTimeout) {
            log.warn("Statement timed out ({})", e.code(), e);
        }
        return respond(problem(status, e.code(), e.getMessage()));
    }

    /** Anything nobody planned for: a generic body, the details in the log only. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled exception", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "server.error", "An unexpected error occurred."));
    }

    /** Spring MVC's own failures (bad JSON, wrong types, 404, 405, 415...) get the same shape and a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("Request failed in Spring MVC", ex);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty(CODE, requestCode(ex, status));
            if (ex instanceof MethodArgumentNotValidException invalid) {
                problem.setProperty(ERRORS, invalid.getBindingResult().getFieldErrors().stream()
                        .map(f -> new FieldProblem(f.getField(), f.getCode(), f.getField() + " " + f.getDefaultMessage()))
                        .toList());
            }
        }
        return response;
    }

    private static HttpStatus statusOf(DataAccessFailure failure) {
        if (failure instanceof DataAccessFailure.DuplicateValue) {
            return HttpStatus.CONFLICT;
        }
        if (failure instanceof DataAccessFailure.QueryTimeout) {
            return HttpStatus.REQUEST_TIMEOUT;
        }
        if (failure instanceof DataAccessFailure.StorageUnavailable) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return HttpStatus.BAD_REQUEST;   // MissingReference, MissingValue, RejectedValue: the request's values
    }

    private static String requestCode(Exception ex, HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return "server.error";
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return "request.malformed";
        }
        if (ex instanceof TypeMismatchException) {
            return "request.type_mismatch";
        }
        if (ex instanceof MissingRequestValueException || ex instanceof MissingServletRequestPartException) {
            return "request.value_missing";
        }
        if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) {
            return "request.invalid";
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "request.media_type_unsupported";
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return "request.not_acceptable";
        }
        if (ex instanceof NoHandlerFoundException || ex instanceof NoResourceFoundException) {
            return "request.not_found";
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return "request.method_not_allowed";
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            return "request.too_large";
        }
        return "request.invalid";
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
