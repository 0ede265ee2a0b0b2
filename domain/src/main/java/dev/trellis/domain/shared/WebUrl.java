package dev.trellis.domain.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An absolute http(s) URL with a host, at most 2048 characters. */
public record WebUrl(String value) {

    public static final int MAX_LENGTH = 2048;

    public WebUrl {
        value = check("url", value);
    }

    /** Parses {@code raw} for {@code field}; {@code null} stays {@code null} (the field is optional). */
    public static WebUrl parseOptional(String field, String raw) {
        return raw == null ? null : new WebUrl(check(field, raw));
    }

    private static String check(String field, String raw) {
        if (raw == null) {
            throw InvalidInput.required(field);
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidInput(field, "url.too_long", "must be at most " + MAX_LENGTH + " characters");
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // answered below, like any other malformed URL
        }
        throw new InvalidInput(field, "url.invalid", "must be an absolute http(s) URL");
    }

    @Override
    public String toString() {
        return value;
    }
}
