package dev.trellis.adapter.web.auth;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Better Auth's own settings, read from its variables so that one environment configures both
 * servers: the public base URL ({@code BETTER_AUTH_URL}; https means {@code __Secure-} cookies) and
 * the trusted origins ({@code BETTER_AUTH_TRUSTED_ORIGINS}; the base URL's origin is always trusted).
 */
public record AuthConfig(URI baseUrl, Set<String> trustedOrigins) {

    /** Where Better Auth's endpoints live: every path at or below it speaks Better Auth's protocol. */
    public static final String BASE_PATH = "/api/auth";

    /** Whether a path (after the context path) is one of Better Auth's: {@value #BASE_PATH} or below it. */
    public static boolean isAuthPath(String path) {
        return path.equals(BASE_PATH) || path.startsWith(BASE_PATH + "/");
    }

    public AuthConfig {
        trustedOrigins = Set.copyOf(trustedOrigins);
    }

    public static AuthConfig of(String baseUrl, List<String> extraTrustedOrigins) {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(base));
        for (String extra : extraTrustedOrigins) {
            if (!extra.isBlank()) {
                origins.add(extra.strip().endsWith("/") ? extra.strip().substring(0, extra.strip().length() - 1) : extra.strip());
            }
        }
        return new AuthConfig(base, origins);
    }

    public boolean secureCookies() {
        return "https".equalsIgnoreCase(baseUrl.getScheme());
    }

    public boolean isTrustedOrigin(String origin) {
        if (origin == null) {
            return false;
        }
        String normalized = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        for (String trusted : trustedOrigins) {
            if (trusted.equalsIgnoreCase(normalized) || wildcardMatches(trusted, normalized)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Callback URLs must stay on this site or a trusted origin: relative paths (not protocol-relative
     * "//host") or absolute URLs whose origin is trusted.
     */
    public boolean isTrustedCallback(String url) {
        if (url == null || url.isEmpty()) {
            return true;
        }
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) {
            return true;
        }
        try {
            URI uri = URI.create(url);
            return uri.getScheme() != null && uri.getHost() != null && isTrustedOrigin(origin(uri));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Better Auth allows "https://*.example.com" patterns. */
    private static boolean wildcardMatches(String pattern, String origin) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return false;
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return origin.length() > prefix.length() + suffix.length() && origin.startsWith(prefix) && origin.endsWith(suffix)
                && !origin.substring(prefix.length(), origin.length() - suffix.length()).contains("/");
    }
}
