package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.application.auth.AuthFailure;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The redirect targets of Better Auth's flows: each must be relative or on a trusted origin (else 403
 * with Better Auth's code for that field), relative ones resolve against the base URL, and errors
 * travel as an {@code error} query parameter.
 */
final class CallbackUrls {

    private CallbackUrls() {
    }

    static void requireTrusted(AuthConfig config, String field, String url) {
        if (config.isTrustedCallback(url)) {
            return;
        }
        throw switch (field) {
            case "redirectTo" -> new AuthFailure(AuthFailure.Kind.FORBIDDEN, "INVALID_REDIRECT_URL", "Invalid redirectURL");
            case "errorCallbackURL" -> new AuthFailure(AuthFailure.Kind.FORBIDDEN, "INVALID_ERROR_CALLBACK_URL",
                    "Invalid errorCallbackURL");
            case "newUserCallbackURL" -> new AuthFailure(AuthFailure.Kind.FORBIDDEN, "INVALID_NEW_USER_CALLBACK_URL",
                    "Invalid newUserCallbackURL");
            default -> new AuthFailure(AuthFailure.Kind.FORBIDDEN, "INVALID_CALLBACK_URL", "Invalid callbackURL");
        };
    }

    /** As {@code new URL(url, baseURL)}: a path is put on the base URL's origin; an absolute URL stays. */
    static String absolute(AuthConfig config, String url) {
        try {
            return config.baseUrl().resolve(URI.create(url)).toString();
        } catch (IllegalArgumentException e) {
            return url.startsWith("/") ? AuthConfig.origin(config.baseUrl()) + url : url;
        }
    }

    /** The URL with {@code name=value} added to its query, before any fragment. */
    static String withParam(String url, String name, String value) {
        int hash = url.indexOf('#');
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = !beforeFragment.contains("?") ? "?" : beforeFragment.endsWith("?") || beforeFragment.endsWith("&") ? "" : "&";
        return beforeFragment + separator + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8) + fragment;
    }

    static <T> ResponseEntity<T> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location).build();
    }
}
