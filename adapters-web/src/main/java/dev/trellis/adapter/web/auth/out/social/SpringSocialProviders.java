package dev.trellis.adapter.web.auth.out.social;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.application.auth.social.SocialProvider;
import dev.trellis.application.auth.social.SocialProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The social providers are Spring Boot's OAuth 2.0 client registrations
 * ({@code spring.security.oauth2.client.registration.<id>.*}, {@code provider.<id>.*}): the
 * registration id is Better Auth's provider id. Spring Security does the protocol — the token
 * request ({@link RestClientAuthorizationCodeTokenResponseClient}, PKCE's {@code code_verifier}
 * included), id-token verification ({@link OidcIdTokenDecoderFactory}: signature, issuer, audience,
 * expiry) and user-info ({@link OidcUserService}, {@link DefaultOAuth2UserService}); this class
 * adds what Better Auth does around it: the redirect URI {@code <BETTER_AUTH_URL>/api/auth/callback/<id>},
 * PKCE S256 for every provider, the OpenID Connect nonce, GitHub's verified emails, and the
 * mapping of the provider's profile to Better Auth's user fields.
 */
public final class SpringSocialProviders implements SocialProviders {

    private static final Logger log = LoggerFactory.getLogger(SpringSocialProviders.class);

    /** Spring's default redirect URI template, replaced by Better Auth's callback path. */
    static final String SPRING_DEFAULT_REDIRECT_URI = "{baseUrl}/{action}/oauth2/code/{registrationId}";
    /** Asked for when an OpenID Connect registration names no scopes. */
    static final List<String> DEFAULT_OIDC_SCOPES = List.of("openid", "email", "profile");
    private static final String GITHUB_USER_INFO = "https://api.github.com/user";

    private final ClientRegistrationRepository registrations;
    private final AuthConfig config;
    private final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient =
            new RestClientAuthorizationCodeTokenResponseClient();
    private final OidcIdTokenDecoderFactory idTokenDecoders = new OidcIdTokenDecoderFactory();
    private final DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
    private final OidcUserService oidcUsers = new OidcUserService();
    private final RestClient restClient = RestClient.create();
    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    /** {@code registrations} null: no provider is configured. */
    public SpringSocialProviders(ClientRegistrationRepository registrations, AuthConfig config) {
        this.registrations = registrations;
        this.config = config;
        // Better Auth's generic OpenID Connect reads user-info only when the id token has no email
        oidcUsers.setRetrieveUserInfo(request -> request.getIdToken().getEmail() == null
                && StringUtils.hasText(request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri()));
    }

    @Override
    public Optional<SocialProvider> find(String providerId) {
        if (registrations == null || providerId == null) {
            return Optional.empty();
        }
        ClientRegistration registration = registrations.findByRegistrationId(providerId);
        if (registration == null) {
            return Optional.empty();
        }
        return Optional.of(providers.computeIfAbsent(providerId, id -> new Provider(registration)));
    }

    private final class Provider implements SocialProvider {

        private final ClientRegistration registration;
        private final List<String> scopes;
        private final boolean oidc;
        private final String redirectUri;

        Provider(ClientRegistration registration) {
            this.registration = registration;
            ClientRegistration.ProviderDetails details = registration.getProviderDetails();
            List<String> configured = new ArrayList<>();
            if (registration.getScopes() != null) {
                configured.addAll(registration.getScopes());
            }
            if (configured.isEmpty() && StringUtils.hasText(details.getIssuerUri()) && StringUtils.hasText(details.getJwkSetUri())) {
                configured.addAll(DEFAULT_OIDC_SCOPES);
            }
            if (isGitHub() && !configured.contains("user:email")) {
                configured.add("user:email"); // Better Auth's GitHub scopes: read:user user:email
            }
            this.scopes = List.copyOf(configured);
            this.oidc = scopes.contains("openid") && StringUtils.hasText(details.getJwkSetUri());
            this.redirectUri = redirectUri(registration);
        }

        private String redirectUri(ClientRegistration registration) {
            String base = config.baseUrl().toString();
            String template = registration.getRedirectUri();
            if (!StringUtils.hasText(template) || template.equals(SPRING_DEFAULT_REDIRECT_URI)) {
                return base + "/api/auth/callback/" + registration.getRegistrationId();
            }
            return template.replace("{baseUrl}", base).replace("{registrationId}", registration.getRegistrationId())
                    .replace("{action}", "login");
        }

        private boolean isGitHub() {
            return GITHUB_USER_INFO.equals(registration.getProviderDetails().getUserInfoEndpoint().getUri());
        }

        @Override
        public String id() {
            return registration.getRegistrationId();
        }

        @Override
        public boolean bindsIdTokenNonce() {
            return oidc;
        }

        @Override
        public boolean verifiesIdTokens() {
            return oidc;
        }

        @Override
        public String authorizationUrl(AuthorizationRequest request) {
            return authorizationRequest(request.state(), request.codeVerifier(), request.nonce(), request.scopes(),
                    request.loginHint()).getAuthorizationRequestUri();
        }

        /** Spring's authorization request, with Better Auth's PKCE (S256) and raw nonce. */
        private OAuth2AuthorizationRequest authorizationRequest(String state, String codeVerifier, String nonce,
                                                                List<String> extraScopes, String loginHint) {
            Set<String> requested = new LinkedHashSet<>(scopes);
            requested.addAll(extraScopes);
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(PkceParameterNames.CODE_CHALLENGE_METHOD, "S256");
            parameters.put(PkceParameterNames.CODE_CHALLENGE, codeChallenge(codeVerifier));
            if (nonce != null) {
                parameters.put(OidcParameterNames.NONCE, nonce);
            }
            if (loginHint != null) {
                parameters.put("login_hint", loginHint);
            }
            return OAuth2AuthorizationRequest.authorizationCode()
                    .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                    .clientId(registration.getClientId())
                    .redirectUri(redirectUri)
                    .scopes(requested)
                    .state(state)
                    .additionalParameters(parameters)
                    .attributes(attributes -> attributes.put(PkceParameterNames.CODE_VERIFIER, codeVerifier))
                    .build();
        }

        @Override
        public ProviderUser exchange(CodeExchange exchange) {
            try {
                return redeem(exchange);
            } catch (Refused e) {
                log.warn("Sign-in with {} refused: {}", id(), e.getMessage());
                throw e;
            }
        }

        private ProviderUser redeem(CodeExchange exchange) {
            String issuer = registration.getProviderDetails().getIssuerUri();
            if (exchange.issuer() != null && StringUtils.hasText(issuer) && !exchange.issuer().equals(issuer)) {
                throw new Refused("issuer_mismatch", "iss " + exchange.issuer() + " is not " + issuer, null);
            }
            OAuth2AuthorizationRequest request = authorizationRequest(exchange.state(), exchange.codeVerifier(),
                    exchange.expectedNonce(), List.of(), null);
            OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(exchange.code())
                    .redirectUri(redirectUri).state(exchange.state()).build();
            OAuth2AccessTokenResponse tokens;
            try {
                tokens = tokenClient.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration,
                        new OAuth2AuthorizationExchange(request, response)));
            } catch (OAuth2AuthorizationException | RestClientException e) {
                throw new Refused("invalid_code", e.getMessage(), e);
            }
            Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
            Tokens stored = new Tokens(tokens.getAccessToken().getTokenValue(),
                    tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getTokenValue(),
                    idToken instanceof String text ? text : null, tokens.getAccessToken().getExpiresAt(),
                    refreshTokenExpiresAt(tokens), List.copyOf(tokens.getAccessToken().getScopes()));
            try {
                if (oidc) {
                    if (stored.idToken() == null) {
                        throw new Refused("unable_to_get_user_info", "no id_token in the token response", null);
                    }
                    return oidcUser(tokens.getAccessToken(), verifiedIdToken(stored.idToken(), exchange.expectedNonce()), stored);
                }
                return oauth2User(tokens.getAccessToken(), stored);
            } catch (OAuth2AuthenticationException | RestClientException e) {
                throw new Refused("unable_to_get_user_info", e.getMessage(), e);
            }
        }

        @Override
        public ProviderUser verifyIdToken(IdToken token) {
            OidcIdToken idToken;
            try {
                idToken = verifiedIdToken(token.token(), token.nonce());
            } catch (Refused e) {
                log.info("Id token sign-in with {} refused: {}", id(), e.getMessage());
                throw e;
            }
            Map<String, Object> claims = idToken.getClaims();
            return user(String.valueOf(claims.get("sub")), claims,
                    new Tokens(token.accessToken(), token.refreshToken(), token.token(), null, null, List.of()));
        }

        /** Signature, issuer, audience, authorized party and expiry by Spring; the nonce as Better Auth binds it (sent raw). */
        private OidcIdToken verifiedIdToken(String token, String expectedNonce) {
            Jwt jwt;
            try {
                jwt = idTokenDecoders.createDecoder(registration).decode(token);
            } catch (JwtException | IllegalArgumentException e) {
                throw new Refused("unable_to_get_user_info", "id_token: " + e.getMessage(), e);
            }
            if (expectedNonce != null && !expectedNonce.equals(jwt.getClaimAsString(OidcParameterNames.NONCE))) {
                throw new Refused("unable_to_get_user_info", "id_token nonce does not match", null);
            }
            return new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
        }

        /** The id token's claims; user-info only when the id token has no email (as Better Auth's generic OpenID Connect). */
        private ProviderUser oidcUser(OAuth2AccessToken accessToken, OidcIdToken idToken, Tokens stored) {
            Map<String, Object> claims = oidcUsers.loadUser(new OidcUserRequest(registration, accessToken, idToken)).getClaims();
            return user(idToken.getSubject(), claims, stored);
        }

        /** Plain OAuth 2.0: the user-info endpoint; for GitHub also its emails, as Better Auth reads them. */
        private ProviderUser oauth2User(OAuth2AccessToken accessToken, Tokens stored) {
            OAuth2User user = userInfo.loadUser(new OAuth2UserRequest(registration, accessToken));
            Map<String, Object> attributes = new LinkedHashMap<>(user.getAttributes());
            String idAttribute = registration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName();
            Object id = attributes.get(idAttribute);
            if (id == null) {
                throw new Refused("unable_to_get_user_info", "no " + idAttribute + " in the user info", null);
            }
            if (isGitHub()) {
                return gitHubUser(accessToken, attributes, stored);
            }
            return user(String.valueOf(id), attributes, stored);
        }

        /** Better Auth's GitHub: the primary email when the profile has none; verified as {@code /user/emails} says. */
        private ProviderUser gitHubUser(OAuth2AccessToken accessToken, Map<String, Object> profile, Tokens stored) {
            List<Map<String, Object>> emails;
            try {
                emails = restClient.get()
                        .uri(registration.getProviderDetails().getUserInfoEndpoint().getUri() + "/emails")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken.getTokenValue())
                        .header(HttpHeaders.USER_AGENT, "better-auth")
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() { });
            } catch (RestClientException e) {
                log.warn("GitHub emails of user {} could not be read: {}", profile.get("id"), e.getMessage());
                emails = null; // as Better Auth: the profile's public email, unverified
            }
            String email = profile.get("email") instanceof String text && !text.isEmpty() ? text : null;
            if (email == null && emails != null && !emails.isEmpty()) {
                email = emails.stream().filter(entry -> Boolean.TRUE.equals(entry.get("primary"))).findFirst()
                        .orElse(emails.get(0)).get("email") instanceof String text ? text : null;
            }
            String primary = email;
            boolean verified = emails != null && emails.stream()
                    .anyMatch(entry -> primary != null && primary.equals(entry.get("email")) && Boolean.TRUE.equals(entry.get("verified")));
            String name = profile.get("name") instanceof String text && !text.isEmpty() ? text
                    : profile.get("login") instanceof String login ? login : "";
            return new ProviderUser(String.valueOf(profile.get("id")), email, verified, name,
                    profile.get("avatar_url") instanceof String avatar ? avatar : null, stored);
        }

        /** Standard claims: {@code email}, {@code email_verified} (true or "true"), {@code name}, {@code picture}. */
        private ProviderUser user(String accountId, Map<String, Object> claims, Tokens stored) {
            Object verified = claims.get("email_verified");
            return new ProviderUser(accountId, claims.get("email") instanceof String email ? email : null,
                    Boolean.TRUE.equals(verified) || "true".equals(verified),
                    claims.get("name") instanceof String name ? name : null,
                    claims.get("picture") instanceof String picture ? picture : null, stored);
        }
    }

    /** {@code refresh_token_expires_in}, which some providers (GitHub apps) send. */
    private static Instant refreshTokenExpiresAt(OAuth2AccessTokenResponse tokens) {
        Object seconds = tokens.getAdditionalParameters().get("refresh_token_expires_in");
        Instant issuedAt = tokens.getAccessToken().getIssuedAt();
        try {
            return seconds == null || issuedAt == null ? null : issuedAt.plusSeconds(Long.parseLong(String.valueOf(seconds)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** PKCE S256: BASE64URL(SHA-256(ASCII(code_verifier))), unpadded. */
    static String codeChallenge(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
