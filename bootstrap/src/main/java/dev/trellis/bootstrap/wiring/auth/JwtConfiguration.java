package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.persistence.auth.SigningKeyPersistenceAdapter;
import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson;
import dev.trellis.adapter.web.auth.in.endpoint.jwt.SessionJwtHeader;
import dev.trellis.adapter.web.auth.out.jwt.Ed25519JwtKeys;
import dev.trellis.adapter.web.auth.out.jwt.SecretBox;
import dev.trellis.adapter.web.auth.out.secret.AuthSecret;
import dev.trellis.application.auth.jwt.JwtKeyMaterial;
import dev.trellis.application.auth.jwt.JwtSettings;
import dev.trellis.application.auth.jwt.SessionJwts;
import dev.trellis.application.auth.jwt.SigningKeyRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.time.Duration;

/**
 * Better Auth's {@code jwt} plugin ({@code /jwks}, {@code /token}, the {@code set-auth-jwt} header):
 * keys in the shared {@code jwks} table, private keys sealed with the auth secret, issuer and audience
 * the base URL. On unless {@code trellis.auth.jwt.enabled=false} ({@code TRELLIS_AUTH_JWT_ENABLED});
 * {@code trellis.auth.jwt.rotation-interval} (unset: keys do not expire) and
 * {@code trellis.auth.jwt.grace-period} (30 days) are Better Auth's {@code jwks.rotationInterval} and
 * {@code jwks.gracePeriod}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "trellis.auth.jwt.enabled", matchIfMissing = true)
public class JwtConfiguration {

    @Bean
    SigningKeyRepository signingKeyRepository(JdbcClient jdbc) {
        return new SigningKeyPersistenceAdapter(jdbc);
    }

    @Bean
    JwtKeyMaterial jwtKeyMaterial(AuthSecret secret, AuthJson authJson) {
        return new Ed25519JwtKeys(new SecretBox(secret.value()), authJson.twoFactorPlugin());
    }

    @Bean
    JwtSettings jwtSettings(AuthConfig config,
                            @Value("${trellis.auth.jwt.rotation-interval:#{null}}") Duration rotationInterval,
                            @Value("${trellis.auth.jwt.grace-period:30d}") Duration gracePeriod) {
        String baseUrl = config.baseUrl().toString();
        return new JwtSettings(baseUrl, baseUrl, JwtSettings.DEFAULT_LIFETIME, rotationInterval, gracePeriod);
    }

    /** The {@code set-auth-jwt} header on {@code get-session}. */
    @Bean
    WebMvcConfigurer sessionJwtHeader(SessionJwts jwts) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new SessionJwtHeader(jwts)).addPathPatterns(SessionJwtHeader.PATH);
            }
        };
    }

    @Bean
    SessionJwts sessionJwts(SigningKeyRepository keys, JwtKeyMaterial material, JwtSettings settings, Clock clock) {
        return new SessionJwts(keys, material, settings, clock);
    }
}
