package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson;
import dev.trellis.adapter.web.auth.in.filter.RateLimitFilter;
import dev.trellis.adapter.web.auth.out.password.BetterAuthPasswordHasher;
import dev.trellis.adapter.web.auth.out.secret.AuthSecret;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.password.ChangePassword;
import dev.trellis.application.auth.account.DeleteUser;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.session.ManageSessions;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.auth.session.PurgeExpiredAuthRows;
import dev.trellis.application.auth.session.ResolveSession;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.password.SignInWithEmail;
import dev.trellis.application.auth.session.SignOut;
import dev.trellis.application.auth.password.SignUpWithEmail;
import dev.trellis.application.auth.account.UpdateUser;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/** Better Auth-compatible authentication: its settings, the use cases, and the cookie codec. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    /** Better Auth's defaults; {@code trellis.auth.require-email-verification} is its {@code requireEmailVerification}. */
    @Bean
    AuthSettings authSettings(@Value("${trellis.auth.require-email-verification:false}") boolean requireEmailVerification) {
        return AuthSettings.betterAuthDefaults().requiringEmailVerification(requireEmailVerification);
    }

    @Bean
    AuthConfig authConfig(Environment environment, @Value("${server.port:8080}") int port) {
        String baseUrl = environment.getProperty("BETTER_AUTH_URL", "http://localhost:" + port);
        String trusted = environment.getProperty("BETTER_AUTH_TRUSTED_ORIGINS", "");
        return AuthConfig.of(baseUrl, Arrays.asList(trusted.split(",")));
    }

    /** Resolved once for all its users; generated and kept in the data folder only on the embedded database. */
    @Bean
    AuthSecret authSecret(Environment environment, ObjectProvider<EmbeddedDatabaseServer> embedded,
                          @Value("${trellis.data-dir}") Path dataDir) {
        String configured = environment.getProperty("BETTER_AUTH_SECRET", environment.getProperty("AUTH_SECRET"));
        return AuthSecret.resolve(configured, embedded.getIfAvailable() != null, dataDir);
    }

    @Bean
    SessionCookieSigner sessionCookieSigner(AuthSecret secret) {
        return new SessionCookieSigner(secret.value());
    }

    /** The user's JSON carries {@code twoFactorEnabled} while the two-factor plugin is on, as in Better Auth. */
    @Bean
    AuthJson authJson(@Value("${trellis.auth.two-factor.enabled:true}") boolean twoFactorPlugin) {
        return new AuthJson(twoFactorPlugin);
    }

    @Bean
    AuthCookies authCookies(SessionCookieSigner signer, AuthConfig config, AuthSettings settings) {
        return new AuthCookies(signer, config.secureCookies(), settings.sessionExpiresIn());
    }

    @Bean
    BetterAuthPasswordHasher passwordHasher() {
        return new BetterAuthPasswordHasher();
    }

    @Bean
    Sessions sessions(SessionRepository sessions, AuthSettings settings, Clock clock) {
        return new Sessions(sessions, settings, clock);
    }

    @Bean
    SignUpWithEmail signUpWithEmail(UserRepository users, AccountRepository accounts, BetterAuthPasswordHasher hasher,
                                    Sessions sessions, AuthSettings settings, Clock clock,
                                    SendVerificationEmail verification) {
        return new SignUpWithEmail(users, accounts, hasher, sessions, settings, clock, verification);
    }

    @Bean
    SignInWithEmail signInWithEmail(UserRepository users, AccountRepository accounts, BetterAuthPasswordHasher hasher,
                                    Sessions sessions, AuthSettings settings, SendVerificationEmail verification) {
        return new SignInWithEmail(users, accounts, hasher, sessions, settings, verification);
    }

    @Bean
    ResolveSession resolveSession(SessionRepository sessions, UserRepository users, AuthSettings settings, Clock clock) {
        return new ResolveSession(sessions, users, settings, clock);
    }

    @Bean
    SignOut signOut(SessionRepository sessions) {
        return new SignOut(sessions);
    }

    @Bean
    ManageSessions manageSessions(SessionRepository sessions, AuthSettings settings, Clock clock) {
        return new ManageSessions(sessions, settings, clock);
    }

    @Bean
    UpdateUser updateUser(UserRepository users, Clock clock) {
        return new UpdateUser(users, clock);
    }

    @Bean
    ChangePassword changePassword(AccountRepository accounts, SessionRepository sessionRows, BetterAuthPasswordHasher hasher,
                                  Sessions sessions, AuthSettings settings, Clock clock) {
        return new ChangePassword(accounts, sessionRows, hasher, sessions, settings, clock);
    }

    @Bean
    DeleteUser deleteUser(UserRepository users, AccountRepository accounts, BetterAuthPasswordHasher hasher,
                          AuthSettings settings, Clock clock) {
        return new DeleteUser(users, accounts, hasher, settings, clock);
    }

    @Bean
    PurgeExpiredAuthRows purgeExpiredAuthRows(SessionRepository sessions, VerificationRepository verifications,
                                              RateLimitCounters rateLimits, Clock clock) {
        return new PurgeExpiredAuthRows(sessions, verifications, rateLimits,
                RateLimitFilter.longestWindow(RateLimitFilter.BETTER_AUTH_RULES), clock);
    }

    /**
     * Expired sessions and verification rows are refused when used, and idle rate-limit counters start again at 1;
     * this deletes the ones nobody comes back for.
     */
    @Bean
    ExpiredRowsSchedule expiredRowsSchedule(PurgeExpiredAuthRows purge) {
        return new ExpiredRowsSchedule(purge);
    }

    static final class ExpiredRowsSchedule {
        private final PurgeExpiredAuthRows purge;

        ExpiredRowsSchedule(PurgeExpiredAuthRows purge) {
            this.purge = purge;
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${trellis.auth.cleanup-interval:PT15M}")
        void run() {
            purge.handle();
        }
    }
}
