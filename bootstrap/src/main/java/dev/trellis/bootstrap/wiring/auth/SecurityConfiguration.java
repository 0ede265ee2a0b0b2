package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.filter.AuthMeters;
import dev.trellis.adapter.web.auth.in.filter.BodySizeLimitFilter;
import dev.trellis.adapter.web.auth.in.filter.CurrentSessionFilter;
import dev.trellis.adapter.web.error.ErrorResponses;
import dev.trellis.adapter.web.auth.in.filter.OriginCheckFilter;
import dev.trellis.adapter.web.auth.in.filter.RateLimitFilter;
import dev.trellis.adapter.web.auth.in.filter.SignInMetricsFilter;
import dev.trellis.application.auth.ratelimit.CountRequest;
import dev.trellis.application.auth.session.ResolveSession;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Spring Security in Better Auth's manner: no server-side HTTP session and no form login — the
 * caller is the Better Auth session behind the cookie or bearer token. Better Auth's origin check
 * stands in for CSRF tokens; CORS with credentials for the trusted origins only; rate limits on
 * {@code /api/auth}, and the meters of sign-ins and 429s. Everything under {@code /api} except {@code /api/auth} needs a session; the event contract
 * ({@code GET /events/**}) is public.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ResolveSession resolveSession, AuthCookies cookies,
                                            AuthConfig config, CountRequest countRequest, MeterRegistry registry,
                                            @Value("${trellis.auth.rate-limit.enabled:true}") boolean rateLimited,
                                            @Value("${trellis.auth.max-body-bytes:65536}") long maxBodyBytes) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsConfiguration(config)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterAfter(new BodySizeLimitFilter(maxBodyBytes), HeaderWriterFilter.class)
                .addFilterAfter(new OriginCheckFilter(config), BodySizeLimitFilter.class)
                .addFilterBefore(new CurrentSessionFilter(resolveSession, cookies), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/api/auth/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/events/**").permitAll() // the event contract is public
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, e) ->
                        ErrorResponses.write(request, response, 401, "A signed-in session is required", "UNAUTHORIZED",
                                "auth.required")));
        AuthMeters meters = new AuthMeters(registry);
        if (rateLimited) {
            http.addFilterAfter(new RateLimitFilter(RateLimitFilter.BETTER_AUTH_RULES, countRequest, meters), OriginCheckFilter.class);
            http.addFilterAfter(new SignInMetricsFilter(meters), RateLimitFilter.class);
        } else {
            http.addFilterAfter(new SignInMetricsFilter(meters), OriginCheckFilter.class);
        }
        return http.build();
    }

    /**
     * No Micrometer observations inside Spring Security: with them, every filter of the chain, the
     * authentication and the authorization of each request opened and closed observations and timers of
     * their own ({@code spring.security.*}), about a quarter of a small request's CPU. The request as a
     * whole is still timed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    private static CorsConfigurationSource corsConfiguration(AuthConfig config) {
        CorsConfiguration cors = new CorsConfiguration();
        List<String> patterns = new ArrayList<>(config.trustedOrigins());
        cors.setAllowedOriginPatterns(patterns);
        cors.setAllowCredentials(true);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of(AuthCookies.SET_AUTH_TOKEN, "ETag", "Location", "X-Retry-After"));
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
