package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.persistence.auth.PasskeyPersistenceAdapter;
import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.PasskeyChallengeCookie;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import dev.trellis.adapter.web.auth.out.webauthn.BetterAuthChallengeRecords;
import dev.trellis.adapter.web.auth.out.webauthn.WebAuthn4jResponses;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.passkey.AuthenticatorResponses;
import dev.trellis.application.auth.passkey.ChallengeRecords;
import dev.trellis.application.auth.passkey.ManagePasskeys;
import dev.trellis.application.auth.passkey.PasskeyRepository;
import dev.trellis.application.auth.passkey.PasskeySettings;
import dev.trellis.application.auth.passkey.RegisterPasskey;
import dev.trellis.application.auth.passkey.SignInWithPasskey;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/**
 * Better Auth's {@code passkey} plugin ({@code /api/auth/passkey/*}): passkeys in the shared
 * {@code passkey} table, challenges in {@code verification} rows, responses checked by webauthn4j.
 * On unless {@code trellis.auth.passkey.enabled=false} ({@code TRELLIS_AUTH_PASSKEY_ENABLED});
 * {@code trellis.auth.passkey.rp-id} (default: the host of {@code BETTER_AUTH_URL}),
 * {@code trellis.auth.passkey.rp-name} (default {@code Trellis}) and {@code trellis.auth.passkey.origin}
 * (default: the request's {@code Origin}, which the origin check has already found trusted) are
 * Better Auth's {@code rpID}, {@code rpName} and {@code origin}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "trellis.auth.passkey.enabled", matchIfMissing = true)
public class PasskeyConfiguration {

    @Bean
    PasskeyRepository passkeyRepository(JdbcClient jdbc) {
        return new PasskeyPersistenceAdapter(jdbc);
    }

    @Bean
    AuthenticatorResponses authenticatorResponses() {
        return new WebAuthn4jResponses();
    }

    @Bean
    ChallengeRecords passkeyChallengeRecords() {
        return new BetterAuthChallengeRecords();
    }

    @Bean
    PasskeySettings passkeySettings(AuthConfig config,
                                    @Value("${trellis.auth.passkey.rp-id:}") String rpId,
                                    @Value("${trellis.auth.passkey.rp-name:Trellis}") String rpName,
                                    @Value("${trellis.auth.passkey.origin:}") String origin) {
        return new PasskeySettings(rpId.isBlank() ? config.baseUrl().getHost() : rpId.strip(), rpName,
                origin.isBlank() ? null : origin.strip());
    }

    @Bean
    PasskeyChallengeCookie passkeyChallengeCookie(SessionCookieSigner signer, AuthConfig config) {
        return new PasskeyChallengeCookie(signer, config.secureCookies());
    }

    @Bean
    RegisterPasskey registerPasskey(PasskeyRepository passkeys, VerificationRepository verifications,
                                    ChallengeRecords records, AuthenticatorResponses responses, PasskeySettings settings,
                                    AuthSettings authSettings, Sessions sessions, Clock clock) {
        return new RegisterPasskey(passkeys, verifications, records, responses, settings, authSettings, sessions, clock);
    }

    @Bean
    SignInWithPasskey signInWithPasskey(PasskeyRepository passkeys, VerificationRepository verifications,
                                        ChallengeRecords records, AuthenticatorResponses responses,
                                        PasskeySettings settings, UserRepository users, Sessions sessions, Clock clock) {
        return new SignInWithPasskey(passkeys, verifications, records, responses, settings, users, sessions, clock);
    }

    @Bean
    ManagePasskeys managePasskeys(PasskeyRepository passkeys) {
        return new ManagePasskeys(passkeys);
    }
}
