package planted.advice.adapter.web.auth.in.error;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Allowed: the auth protocol's error room. */
@RestControllerAdvice
public class AuthErrors {
}
