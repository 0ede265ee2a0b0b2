package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Better Auth's rate limits on {@code /api/auth}, per client address and path, in fixed windows:
 * sign-in, sign-up, change-password and change-email 3 per 10 s; password reset and verification
 * mails 3 per 60 s; magic links (sending and verifying) 5 per 60 s; email OTPs 3 per 60 s; everything else 100 per 10 s.
 * Over the limit: 429 with {@code X-Retry-After} in seconds. The client address is the socket's,
 * or the forwarded one only when the server is told to trust proxies ({@code server.forward-headers-strategy}).
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /** A path rule: paths starting with {@code prefix} get {@code max} requests per {@code window}. */
    public record Rule(String prefix, int max, Duration window) {
    }

    public static final List<Rule> BETTER_AUTH_RULES = List.of(
            new Rule("/api/auth/sign-in/email-otp", 3, Duration.ofSeconds(60)),
            new Rule("/api/auth/sign-in/magic-link", 5, Duration.ofSeconds(60)),
            new Rule("/api/auth/magic-link/verify", 5, Duration.ofSeconds(60)),
            new Rule("/api/auth/sign-in", 3, Duration.ofSeconds(10)),
            new Rule("/api/auth/sign-up", 3, Duration.ofSeconds(10)),
            new Rule("/api/auth/change-password", 3, Duration.ofSeconds(10)),
            new Rule("/api/auth/change-email", 3, Duration.ofSeconds(10)),
            new Rule("/api/auth/request-password-reset", 3, Duration.ofSeconds(60)),
            new Rule("/api/auth/forget-password", 3, Duration.ofSeconds(60)),
            new Rule("/api/auth/send-verification-email", 3, Duration.ofSeconds(60)),
            new Rule("/api/auth/email-otp", 3, Duration.ofSeconds(60)),
            new Rule("/api/auth/two-factor/", 3, Duration.ofSeconds(10)),
            new Rule("/api/auth/", 100, Duration.ofSeconds(10)));

    private static final int MAX_TRACKED = 100_000;

    private final List<Rule> rules;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitFilter(List<Rule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    private static final class Window {
        final long startMillis;
        int count;

        Window(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/api/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        Rule rule = rules.stream().filter(candidate -> path.startsWith(candidate.prefix())).findFirst().orElse(null);
        if (rule != null) {
            long retryAfterSeconds = admit(request.getRemoteAddr() + " " + path, rule);
            if (retryAfterSeconds > 0) {
                response.setHeader("X-Retry-After", Long.toString(retryAfterSeconds));
                ErrorResponses.write(request, response, 429, "Too many requests. Please try again later.",
                        "TOO_MANY_REQUESTS", "rate_limited");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Counts the request; returns 0 when admitted, else the seconds until the window ends. */
    long admit(String key, Rule rule) {
        long now = clock.millis();
        long windowMillis = rule.window().toMillis();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(window -> now - window.startMillis >= windowMillis);
        }
        Window window = windows.compute(key, (k, current) ->
                current == null || now - current.startMillis >= windowMillis ? new Window(now) : current);
        synchronized (window) {
            window.count++;
            if (window.count <= rule.max()) {
                return 0;
            }
            return Math.max(1, (window.startMillis + windowMillis - now + 999) / 1000);
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
