package planted.advice.adapter.web.error;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Allowed: the error room. */
@RestControllerAdvice
public class ErrorAdvice {
}
