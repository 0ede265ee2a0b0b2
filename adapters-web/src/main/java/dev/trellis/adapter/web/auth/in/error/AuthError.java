package dev.trellis.adapter.web.auth.in.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Better Auth's error body: {@code {"message": "...", "code": "UPPER_SNAKE"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthError(String message, String code) {

    public static final String PATH_PREFIX = "/api/auth";

    public String toJson() {
        return "{\"message\":" + quote(message) + (code == null ? "" : ",\"code\":" + quote(code)) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
