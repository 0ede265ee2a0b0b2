package dev.trellis.bootstrap.wiring.events;

import org.springframework.core.env.Environment;

import java.net.URI;

/**
 * The public URL the event schemas are served below and named by in {@code ce_dataschema}:
 * {@code TRELLIS_EVENTS_PUBLIC_URL} ({@code trellis.events.public-url}), else {@code BETTER_AUTH_URL} (the
 * application's public URL already), else {@code http://localhost:<server.port>}.
 */
public record EventsPublicUrl(URI value) {

    public static final String PROPERTY = "trellis.events.public-url";

    public EventsPublicUrl {
        if (value == null || !value.isAbsolute() || value.getHost() == null) {
            throw new IllegalArgumentException(PROPERTY + " must be an absolute http(s) URL, e.g. https://trellis.example.com: " + value);
        }
    }

    public static EventsPublicUrl resolve(Environment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = environment.getProperty("BETTER_AUTH_URL");
        }
        if (configured == null || configured.isBlank()) {
            configured = "http://localhost:" + environment.getProperty("server.port", "8080");
        }
        String trimmed = configured.strip().replaceAll("/+$", "");
        try {
            return new EventsPublicUrl(URI.create(trimmed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " is not a URL: " + trimmed, e);
        }
    }
}
