package dev.trellis.adapter.web.error;

import dev.trellis.adapter.web.auth.in.error.BetterAuthErrors;
import dev.trellis.application.ConflictingState;
import dev.trellis.application.Forbidden;
import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.domain.item.IllegalStatusTransition;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.StaleVersion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * The one place that turns failures into response bodies, so controllers stay free of try/catch.
 * The route picks the format ({@link ErrorFormat}): Better Auth's {@code {message, code}} under
 * {@code /api/auth} ({@link BetterAuthErrors}), RFC 9457 {@code application/problem+json} everywhere
 * else. Every problem carries a stable {@code code} clients can switch on; bodies never carry SQL,
 * constraint names or stack traces (those go to the log).
 */
@RestControllerAdvice
public class ErrorAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    static final String CODE = "code";
    static final String ERRORS = "errors";

    /** One refused input: the shape of each entry of {@code errors}. */
    public record FieldProblem(String field, String code, String message) {
    }

    /** Failures of the domain and the use cases, and anything nobody planned for. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failure(Exception e, HttpServletRequest request) {
        if (ErrorFormat.of(request) == ErrorFormat.BETTER_AUTH) {
            return BetterAuthErrors.of(e);
        }
        return respond(problemFor(e));
    }

    /** Spring MVC's own failures (bad JSON, wrong types, 404, 405, 415...): the route's format, and a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && ErrorFormat.of(servlet.getRequest()) == ErrorFormat.BETTER_AUTH) {
            HttpServletResponse response = servlet.getResponse();
            return response != null && response.isCommitted() ? null : BetterAuthErrors.ofRequest(ex, status, headers);
        }
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

    private static ProblemDetail problemFor(Exception e) {
        if (e instanceof InvalidInput invalid) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, invalid.code(), invalid.getMessage());
            problem.setProperty(ERRORS, List.of(new FieldProblem(invalid.field(), invalid.code(), invalid.getMessage())));
            return problem;
        }
        if (e instanceof AuthFailure failure) { // an auth refusal on a route of Trellis's own API
            return problem(BetterAuthErrors.status(failure.kind()), failure.code(), failure.getMessage());
        }
        if (e instanceof PreconditionFailed failure) {
            return problem(HttpStatus.PRECONDITION_FAILED, failure.code(), failure.getMessage());
        }
        if (e instanceof Forbidden failure) {
            return problem(HttpStatus.FORBIDDEN, failure.code(), failure.getMessage());
        }
        if (e instanceof NotFound failure) {
            return problem(HttpStatus.NOT_FOUND, failure.code(), failure.getMessage());
        }
        if (e instanceof ConflictingState failure) {
            return problem(HttpStatus.CONFLICT, failure.code(), failure.getMessage());
        }
        if (e instanceof IllegalStatusTransition failure) {
            return problem(HttpStatus.CONFLICT, failure.code(), failure.getMessage());
        }
        if (e instanceof StaleVersion failure) {
            // a lost race on the stored version
            return problem(HttpStatus.CONFLICT, failure.code(), failure.getMessage());
        }
        if (e instanceof DataAccessFailure failure) {
            return dataAccessFailure(failure);
        }
        log.error("Unhandled exception", e); // a generic body, the details in the log only
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "server.error", "An unexpected error occurred.");
    }

    /**
     * The database refused a statement. The detail is the failure's fixed, SQL-free message; the
     * constraint name stays out of the body because it describes the schema, not the request.
     */
    private static ProblemDetail dataAccessFailure(DataAccessFailure e) {
        HttpStatus status = statusOf(e);
        if (status.is5xxServerError()) {
            log.error("Storage failed ({})", e.code(), e);
        } else if (e instanceof DataAccessFailure.QueryTimeout) {
            log.warn("Statement timed out ({})", e.code(), e);
        }
        return problem(status, e.code(), e.getMessage());
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

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
