package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.error.ErrorResponses;
import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.CountRequest;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Better Auth's rate limits on {@code /api/auth}, per client address and path, with Better Auth's window (a key
 * starts again once its last admitted request is a window old): sign-in, sign-up, change-password and
 * change-email 3 per 10 s; password reset and verification mails 3 per 60 s; magic links (sending and verifying)
 * 5 per 60 s; email OTPs 3 per 60 s; everything else 100 per 10 s. Over the limit: 429 with {@code X-Retry-After}
 * in seconds. The client address is the socket's, or the forwarded one only when the server is told to trust
 * proxies ({@code server.forward-headers-strategy}). The counting is {@link CountRequest}'s, under Better Auth's
 * own key, in whichever store it was given; each 429 is counted in {@link AuthMeters}.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /** A path rule: paths starting with {@code prefix} get {@code max} requests per {@code window}. */
    public record Rule(String prefix, int max, Duration window) {
        RateLimitRule limit() {
            return new RateLimitRule(max, window);
        }
    }

    static final String BASE_PATH = "/api/auth";

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

    /** The longest window of the rules: how long a counter can still matter after its last admitted request. */
    public static Duration longestWindow(List<Rule> rules) {
        return rules.stream().map(Rule::window).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private final List<Rule> rules;
    private final CountRequest countRequest;
    private final AuthMeters meters;

    /** @param meters counts each 429 under its rule's prefix */
    public RateLimitFilter(List<Rule> rules, CountRequest countRequest, AuthMeters meters) {
        this.rules = List.copyOf(rules);
        this.countRequest = countRequest;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith(BASE_PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        Rule rule = rules.stream().filter(candidate -> path.startsWith(candidate.prefix())).findFirst().orElse(null);
        if (rule != null) {
            Admission admission = countRequest.handle(request.getRemoteAddr(), path.substring(BASE_PATH.length()),
                    rule.limit());
            if (!admission.allowed()) {
                meters.rateLimited(rule.prefix());
                response.setHeader("X-Retry-After", Long.toString(admission.retryAfterSeconds()));
                ErrorResponses.write(request, response, 429, "Too many requests. Please try again later.",
                        "TOO_MANY_REQUESTS", "rate_limited");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
