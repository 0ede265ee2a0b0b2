package dev.trellis.adapter.web.auth.in.filter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of Better Auth's flows (Prometheus: {@code trellis_auth_sign_ins_total{method}},
 * {@code trellis_auth_sign_in_failures_total{method}}, {@code trellis_auth_rate_limited_total{rule}}). Methods and
 * rules are fixed lists, so the series stay few.
 */
public final class AuthMeters {

    private final MeterRegistry registry;

    public AuthMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void signedIn(String method) {
        Counter.builder("trellis.auth.sign.ins").description("Sign-ins that opened a session, by method")
                .tag("method", method).register(registry).increment();
    }

    void signInFailed(String method) {
        Counter.builder("trellis.auth.sign.in.failures")
                .description("Sign-in attempts answered 4xx (wrong password, bad code, …; 429 is counted apart), by method")
                .tag("method", method).register(registry).increment();
    }

    void rateLimited(String rule) {
        Counter.builder("trellis.auth.rate.limited").description("Requests to /api/auth answered 429, by the rule's path prefix")
                .tag("rule", rule).register(registry).increment();
    }
}
