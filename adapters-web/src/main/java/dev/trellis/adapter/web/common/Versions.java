package dev.trellis.adapter.web.common;

import dev.trellis.domain.shared.InvalidInput;
import org.springframework.http.ResponseEntity;

/**
 * Versions as entity tags: a response carries {@code ETag: "<version>"}; a write may carry
 * {@code If-Match} with that tag (or {@code *}) and is refused with 412 when the record moved on.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header names; {@code null} when absent or {@code *}. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "if_match.invalid", "must be an entity tag this server sent, e.g. \"3\"");
        }
    }

    public static <T> ResponseEntity<T> ok(T body, long version) {
        return ResponseEntity.ok().eTag(etag(version)).body(body);
    }
}
