package dev.trellis.adapter.web.auth.in.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Better Auth's error body: {@code {"message": "...", "code": "UPPER_SNAKE"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthError(String message, String code) {
}
