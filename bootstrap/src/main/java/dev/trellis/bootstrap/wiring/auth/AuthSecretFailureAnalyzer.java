package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.web.auth.out.secret.AuthSecret;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing {@code BETTER_AUTH_SECRET} against an external database: one clear line. */
public class AuthSecretFailureAnalyzer extends AbstractFailureAnalyzer<AuthSecret.MissingAuthSecret> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthSecret.MissingAuthSecret cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set BETTER_AUTH_SECRET to the same random secret (32+ characters) as your Better Auth server, e.g. `openssl rand -hex 32`.",
                cause);
    }
}
