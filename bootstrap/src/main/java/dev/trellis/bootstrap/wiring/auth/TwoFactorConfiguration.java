package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.persistence.auth.TwoFactorPersistenceAdapter;
import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import dev.trellis.adapter.web.auth.in.cookie.TwoFactorCookies;
import dev.trellis.adapter.web.auth.in.endpoint.twofactor.TwoFactorSignIn;
import dev.trellis.adapter.web.auth.out.jwt.SecretBox;
import dev.trellis.adapter.web.auth.out.secret.AuthSecret;
import dev.trellis.adapter.web.auth.out.twofactor.Rfc6238TotpCodes;
import dev.trellis.adapter.web.auth.out.twofactor.SealedTwoFactorVault;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.application.auth.password.PasswordHasher;
import dev.trellis.application.auth.twofactor.EnrollTwoFactor;
import dev.trellis.application.auth.twofactor.SecondFactor;
import dev.trellis.application.auth.twofactor.TotpCodes;
import dev.trellis.application.auth.twofactor.TwoFactorRepository;
import dev.trellis.application.auth.twofactor.TwoFactorSettings;
import dev.trellis.application.auth.twofactor.TwoFactorVault;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/**
 * Better Auth's {@code twoFactor} plugin ({@code /two-factor/*} and the second factor of
 * {@code /sign-in/email}): enrolments in the shared {@code two_factor} table, secrets and backup codes
 * sealed with the auth secret, codes by email through the mailer. On unless
 * {@code trellis.auth.two-factor.enabled=false} ({@code TRELLIS_AUTH_TWO_FACTOR_ENABLED});
 * {@code trellis.auth.two-factor.issuer} names the app in authenticator apps (Trellis).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "trellis.auth.two-factor.enabled", matchIfMissing = true)
public class TwoFactorConfiguration {

    @Bean
    TwoFactorRepository twoFactorRepository(JdbcClient jdbc) {
        return new TwoFactorPersistenceAdapter(jdbc);
    }

    @Bean
    TwoFactorVault twoFactorVault(AuthSecret secret) {
        return new SealedTwoFactorVault(new SecretBox(secret.value()));
    }

    @Bean
    TotpCodes totpCodes() {
        return new Rfc6238TotpCodes();
    }

    @Bean
    TwoFactorSettings twoFactorSettings(@Value("${trellis.auth.two-factor.issuer:Trellis}") String issuer) {
        return TwoFactorSettings.betterAuthDefaults(issuer);
    }

    @Bean
    TwoFactorCookies twoFactorCookies(SessionCookieSigner signer, AuthSecret secret, AuthConfig config) {
        return new TwoFactorCookies(signer, secret.value(), config.secureCookies());
    }

    @Bean
    EnrollTwoFactor enrollTwoFactor(TwoFactorRepository twoFactors, TwoFactorVault vault, TotpCodes totp,
                                    AccountRepository accounts, PasswordHasher hasher, Sessions sessions,
                                    SessionRepository sessionRows, VerificationRepository verifications,
                                    TwoFactorSettings settings, AuthSettings authSettings, Clock clock) {
        return new EnrollTwoFactor(twoFactors, vault, totp, accounts, hasher, sessions, sessionRows, verifications, settings,
                authSettings, clock);
    }

    @Bean
    SecondFactor secondFactor(TwoFactorRepository twoFactors, TwoFactorVault vault, TotpCodes totp, UserRepository users,
                              VerificationRepository verifications, Sessions sessions, SessionRepository sessionRows,
                              Mailer mailer, TwoFactorSettings settings, Clock clock) {
        return new SecondFactor(twoFactors, vault, totp, users, verifications, sessions, sessionRows, mailer, settings, clock);
    }

    /** The step {@code /sign-in/email} takes when a second factor is due. */
    @Bean
    TwoFactorSignIn twoFactorSignIn(SecondFactor secondFactor, TwoFactorCookies cookies, TwoFactorSettings settings) {
        return new TwoFactorSignIn(secondFactor, cookies, settings);
    }
}
