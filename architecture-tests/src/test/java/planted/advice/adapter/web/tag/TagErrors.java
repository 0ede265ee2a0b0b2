package planted.advice.adapter.web.tag;

import org.springframework.web.bind.annotation.ControllerAdvice;

/** Violation: the plain @ControllerAdvice too. */
@ControllerAdvice
public class TagErrors {
}
