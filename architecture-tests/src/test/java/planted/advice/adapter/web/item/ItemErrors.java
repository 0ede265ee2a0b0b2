package planted.advice.adapter.web.item;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Violation: a feature room answers errors its own way. */
@RestControllerAdvice
public class ItemErrors {
}
