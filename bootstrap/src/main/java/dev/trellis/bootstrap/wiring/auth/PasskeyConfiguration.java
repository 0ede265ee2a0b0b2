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

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Better Auth's {@code passkey} plugin ({@code /api/auth/passkey/*}): passkeys in the shared
 * {@code passkey} table, challenges in {@code verification} rows, responses checked by webauthn4j.
 * On unless {@code trellis.auth.passkey.enabled=false} ({@code TRELLIS_AUTH_PASSKEY_ENABLED});
 * {@code trellis.auth.passkey.rp-id} (default: the host of {@code BETTER_AUTH_URL}),
 * {@code trellis.auth.passkey.rp-name} (default {@code Trellis}) and {@code trellis.auth.passkey.origin}
 * (comma-separated; default: the request's {@code Origin}, which the origin check has already found
 * trusted) are Better Auth's {@code rpID}, {@code rpName} and {@code origin};
 * {@code trellis.auth.passkey.resident-key}, {@code .user-verification} and
 * {@code .authenticator-attachment} its {@code authenticatorSelection}; {@code .challenge-cookie} its
 * {@code advanced.webAuthnChallengeCookie}; {@code .registration.require-session=false} lets any session,
 * not only a fresh one, register (Better Auth's {@code registration.requireSession}). A value outside what Better Auth accepts stops the start.
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
                                    @Value("${trellis.auth.passkey.origin:}") String origin,
                                    @Value("${trellis.auth.passkey.resident-key:preferred}") String residentKey,
                                    @Value("${trellis.auth.passkey.user-verification:preferred}") String userVerification,
                                    @Value("${trellis.auth.passkey.authenticator-attachment:}") String attachment,
                                    @Value("${trellis.auth.passkey.registration.require-session:true}") boolean requireSession) {
        return new PasskeySettings(rpId.isBlank() ? config.baseUrl().getHost() : rpId.strip(), rpName, origins(origin),
                selection(residentKey, userVerification, attachment), requireSession);
    }

    /** {@code trellis.auth.passkey.origin}: comma-separated origins, each {@code scheme://host[:port]}. */
    static List<String> origins(String property) {
        List<String> origins = Arrays.stream(property.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            URI uri;
            try {
                uri = new URI(origin);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("trellis.auth.passkey.origin: " + origin + " is not an origin", e);
            }
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new IllegalArgumentException("trellis.auth.passkey.origin: " + origin
                        + " is not an origin (scheme://host[:port], no path), e.g. https://app.example.com");
            }
        }
        return origins;
    }

    /** The {@code authenticatorSelection} settings, each named in the error when Better Auth would not accept it. */
    static PasskeySettings.AuthenticatorSelection selection(String residentKey, String userVerification, String attachment) {
        requireOneOf("trellis.auth.passkey.resident-key", residentKey.strip(), PasskeySettings.AuthenticatorSelection.REQUIREMENTS);
        requireOneOf("trellis.auth.passkey.user-verification", userVerification.strip(),
                PasskeySettings.AuthenticatorSelection.REQUIREMENTS);
        if (!attachment.isBlank()) {
            requireOneOf("trellis.auth.passkey.authenticator-attachment", attachment.strip(),
                    PasskeySettings.AuthenticatorSelection.ATTACHMENTS);
        }
        return new PasskeySettings.AuthenticatorSelection(residentKey.strip(), userVerification.strip(),
                attachment.isBlank() ? null : attachment.strip());
    }

    private static void requireOneOf(String property, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(property + " must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"");
        }
    }

    @Bean
    PasskeyChallengeCookie passkeyChallengeCookie(SessionCookieSigner signer, AuthConfig config,
                                                  @Value("${trellis.auth.passkey.challenge-cookie:"
                                                          + PasskeyChallengeCookie.DEFAULT_NAME + "}") String name) {
        return new PasskeyChallengeCookie(signer, config.secureCookies(), name.strip());
    }

    @Bean
    RegisterPasskey registerPasskey(PasskeyRepository passkeys, VerificationRepository verifications,
                                    ChallengeRecords records, AuthenticatorResponses responses, PasskeySettings settings,
                                    AuthSettings authSettings, UserRepository users, Sessions sessions, Clock clock) {
        return new RegisterPasskey(passkeys, verifications, records, responses, settings, authSettings, users, sessions,
                clock);
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
