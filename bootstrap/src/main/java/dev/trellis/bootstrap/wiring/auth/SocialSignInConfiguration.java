package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.out.secret.AuthSecret;
import dev.trellis.adapter.web.auth.out.token.BetterAuthOAuthStateCodec;
import dev.trellis.adapter.web.auth.in.cookie.OAuthStateCookie;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import dev.trellis.adapter.web.auth.out.social.SpringSocialProviders;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.account.ManageAccounts;
import dev.trellis.application.auth.social.OAuthStates;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.social.SocialAccounts;
import dev.trellis.application.auth.social.SocialCallback;
import dev.trellis.application.auth.social.SocialSignIn;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.time.Clock;

/**
 * Better Auth's social sign-in and account linking. The providers are Spring Boot's OAuth 2.0 client
 * registrations ({@code spring.security.oauth2.client.registration.<id>.client-id} and
 * {@code client-secret}; GitHub and Google need nothing else, any OpenID Connect issuer its
 * {@code spring.security.oauth2.client.provider.<id>.issuer-uri}); with none configured, every
 * provider is answered {@code PROVIDER_NOT_FOUND}.
 */
@Configuration(proxyBeanMethods = false)
public class SocialSignInConfiguration {

    @Bean
    SpringSocialProviders socialProviders(ObjectProvider<ClientRegistrationRepository> registrations, AuthConfig config) {
        return new SpringSocialProviders(registrations.getIfAvailable(), config);
    }

    /** The state's JSON, with the linking session's token encrypted under the shared secret as Better Auth does. */
    @Bean
    BetterAuthOAuthStateCodec oauthStateCodec(AuthSecret secret) {
        return new BetterAuthOAuthStateCodec(secret.value());
    }

    @Bean
    OAuthStateCookie oauthStateCookie(SessionCookieSigner signer, AuthConfig config) {
        return new OAuthStateCookie(signer, config.secureCookies());
    }

    @Bean
    OAuthStates oauthStates(VerificationRepository verifications, BetterAuthOAuthStateCodec codec, Clock clock) {
        return new OAuthStates(verifications, codec, clock);
    }

    @Bean
    SocialAccounts socialAccounts(UserRepository users, AccountRepository accounts, SessionRepository sessionRows,
                                  Sessions sessions, Clock clock) {
        return new SocialAccounts(users, accounts, sessionRows, sessions, clock);
    }

    @Bean
    SocialSignIn socialSignIn(SpringSocialProviders providers, OAuthStates states, SocialAccounts accounts, Clock clock) {
        return new SocialSignIn(providers, states, accounts, clock);
    }

    @Bean
    SocialCallback socialCallback(OAuthStates states, SpringSocialProviders providers, SocialAccounts accounts) {
        return new SocialCallback(states, providers, accounts);
    }

    @Bean
    ManageAccounts manageAccounts(AccountRepository accounts, AuthSettings settings, Clock clock) {
        return new ManageAccounts(accounts, settings, clock);
    }
}
