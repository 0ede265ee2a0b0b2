package dev.trellis.bootstrap.auth;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better Auth's social sign-in, account linking and account management over HTTP, against a real
 * OpenID Connect provider in the test JVM (mock-oauth2-server, registration {@code mock} by its
 * issuer URL) and PostgreSQL: authorization code with PKCE, end to end.
 */
@AuthTestSupport
class SocialSignInFlowsTest {

    static final String ISSUER_ID = "mock-issuer";
    static final String CLIENT_ID = "trellis-client";
    static final String ERROR_PAGE = AuthTestSupport.ORIGIN + "/api/auth/error";
    static final MockOAuth2Server PROVIDER = started();
    static final HttpClient NO_REDIRECTS = HttpClient.newHttpClient(); // never follows redirects

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.mock.issuer-uri", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
        registry.add("spring.security.oauth2.client.registration.mock.client-id", () -> CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.mock.client-secret", () -> "trellis-client-secret");
        registry.add("spring.security.oauth2.client.registration.github.client-id", () -> "github-client-id");
        registry.add("spring.security.oauth2.client.registration.github.client-secret", () -> "github-client-secret");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void sign_in_round_trip_with_pkce_creates_a_verified_user_an_account_and_a_session() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = browser();

        var start = browser.post("/api/auth/sign-in/social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/dashboard\",\"newUserCallbackURL\":\"/welcome\"}");

        assertThat(start.status()).as(start.body()).isEqualTo(200);
        assertThat(start.json().get("redirect").asBoolean()).isTrue();
        String url = start.json().get("url").asString();
        assertThat(url).startsWith(PROVIDER.authorizationEndpointUrl(ISSUER_ID).toString());
        assertThat(start.header("location")).isEqualTo(url);
        assertThat(start.setCookies()).anyMatch(c -> c.startsWith("better-auth.state=") && c.contains("Max-Age=300")
                && c.contains("HttpOnly") && c.contains("SameSite=Lax"));
        String state = query(url).get("state");
        JsonNode stored = storedState(state);
        assertThat(stored.get("callbackURL").asString()).isEqualTo("/dashboard");
        assertThat(stored.get("newUserURL").asString()).isEqualTo("/welcome");
        assertThat(stored.get("oauthState").asString()).isEqualTo(state);
        assertThat(stored.get("codeVerifier").asString()).matches("[A-Za-z0-9_-]{128}");
        assertThat(stored.get("idTokenNonce").asString()).isEqualTo(query(url).get("nonce"));
        assertThat(Instant.ofEpochMilli(stored.get("expiresAt").asLong()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(10)));
        String codeVerifier = stored.get("codeVerifier").asString();

        drainRecordedRequests();
        providerSignsIn(subject, email, true, "Ada Social");
        String callback = authorize(url);
        var done = browser.get(callback);

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("location")).isEqualTo("/welcome");
        assertThat(done.setCookies()).anyMatch(c -> c.startsWith(EmailPasswordFlowsTest.COOKIE + "=") && c.contains("Max-Age=604800"));
        assertThat(done.setCookies()).anyMatch(c -> c.startsWith("better-auth.state=") && c.contains("Max-Age=0"));
        JsonNode user = browser.get("/api/auth/get-session").json().get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(user.get("name").asString()).isEqualTo("Ada Social");
        Map<String, Object> account = jdbc.sql("select * from account where provider_id = 'mock' and account_id = ?")
                .param(subject).query().singleRow();
        assertThat(account.get("user_id")).isEqualTo(user.get("id").asString());
        assertThat(account.get("access_token")).isNotNull();
        assertThat(account.get("refresh_token")).isNotNull();
        assertThat((String) account.get("id_token")).contains(".");
        assertThat(account.get("access_token_expires_at")).isNotNull();
        assertThat(count("select count(*) from verification where identifier = ?", "auth-state:" + state)).isZero();

        List<RecordedRequest> seen = drainRecordedRequests();
        RecordedRequest authorization = seen.stream().filter(r -> r.getPath().contains("/authorize")).findFirst().orElseThrow();
        assertThat(authorization.getRequestUrl().queryParameter("code_challenge_method")).isEqualTo("S256");
        assertThat(authorization.getRequestUrl().queryParameter("code_challenge")).isEqualTo(s256(codeVerifier));
        assertThat(authorization.getRequestUrl().queryParameter("redirect_uri"))
                .isEqualTo(AuthTestSupport.ORIGIN + "/api/auth/callback/mock");
        RecordedRequest token = seen.stream().filter(r -> r.getPath().endsWith("/token")).findFirst().orElseThrow();
        Map<String, String> form = form(token.getUtf8Body());
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code_verifier", codeVerifier)
                .containsEntry("redirect_uri", AuthTestSupport.ORIGIN + "/api/auth/callback/mock");

        // the state is single use: the same callback again is refused and signs nobody in
        Browser replay = browser();
        replay.cookies().putAll(browser.cookies());
        replay.cookies().remove(EmailPasswordFlowsTest.COOKIE);
        var replayed = replay.get(callback);
        assertThat(replayed.status()).isEqualTo(302);
        assertThat(replayed.header("location")).isEqualTo(ERROR_PAGE + "?error=state_mismatch");
        assertThat(replayed.setCookies()).noneMatch(c -> c.startsWith(EmailPasswordFlowsTest.COOKIE + "="));

        // the next sign-in of the same provider user is the same user, sent to callbackURL
        Browser again = browser();
        String secondUrl = again.post("/api/auth/sign-in/social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/dashboard\",\"newUserCallbackURL\":\"/welcome\"}").json().get("url").asString();
        providerSignsIn(subject, email, true, "Ada Social");
        var secondDone = again.get(authorize(secondUrl));
        assertThat(secondDone.header("location")).isEqualTo("/dashboard");
        assertThat(again.get("/api/auth/get-session").json().get("user").get("id").asString()).isEqualTo(user.get("id").asString());
        assertThat(count("select count(*) from \"user\" where email = ?", email)).isEqualTo(1);
    }

    @Test
    void a_tampered_unknown_missing_or_foreign_state_is_refused() throws Exception {
        Browser browser = browser();
        String url = browser.post("/api/auth/sign-in/social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/dashboard\",\"errorCallbackURL\":\"/oops\"}").json().get("url").asString();
        String state = query(url).get("state");

        var unknown = browser.get("/api/auth/callback/mock?code=abc&state=" + state.substring(1) + "x");
        var missing = browser.get("/api/auth/callback/mock?code=abc");
        Browser stranger = browser(); // has no state cookie: the flow was started in another browser
        var foreign = stranger.get("/api/auth/callback/mock?code=abc&state=" + state);
        Browser forger = browser();
        forger.cookie("better-auth.state", state + ".forgedsignature00000000000000000000000000000%3D");
        var forged = forger.get("/api/auth/callback/mock?code=abc&state=" + state);

        assertThat(unknown.header("location")).isEqualTo(ERROR_PAGE + "?error=state_mismatch");
        assertThat(missing.header("location")).isEqualTo(ERROR_PAGE + "?error=state_not_found");
        assertThat(foreign.header("location")).isEqualTo("/oops?error=state_mismatch");
        assertThat(forged.header("location")).isEqualTo("/oops?error=state_mismatch");
        for (var response : List.of(unknown, missing, foreign, forged)) {
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.setCookies()).noneMatch(c -> c.startsWith(EmailPasswordFlowsTest.COOKIE + "="));
        }
        assertThat(count("select count(*) from verification where identifier = ?", "auth-state:" + state))
                .as("refused attempts do not consume the state").isEqualTo(1);

        // the provider's own refusal goes to the error URL, with its description
        var denied = browser.get("/api/auth/callback/mock?error=access_denied&error_description=user+said+no&state=" + state);
        assertThat(denied.header("location")).isEqualTo("/oops?error=access_denied&error_description=user+said+no");
        assertThat(browser.get("/api/auth/error?error=access_denied").body()).contains("access_denied");
    }

    @Test
    void link_social_links_a_provider_account_to_an_email_password_user_then_list_and_unlink() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = signedUp(email);

        var start = browser.post("/api/auth/link-social", "{\"provider\":\"mock\",\"callbackURL\":\"/settings/accounts\"}");
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        assertThat(start.json().get("redirect").asBoolean()).isTrue();
        String url = start.json().get("url").asString();
        JsonNode link = storedState(query(url).get("state")).get("link");
        String userId = browser.get("/api/auth/get-session").json().get("user").get("id").asString();
        assertThat(link.get("userId").asString()).isEqualTo(userId);
        assertThat(link.get("email").asString()).isEqualTo(email);
        assertThat(link.get("encryptedSessionToken").asString()).matches("[0-9a-f]{128,}");

        providerSignsIn(subject, email, true, "Linked Name");
        var done = browser.get(authorize(url));

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("location")).isEqualTo("/settings/accounts");
        JsonNode accounts = browser.get("/api/auth/list-accounts").json();
        assertThat(accounts).hasSize(2);
        Map<String, JsonNode> byProvider = new LinkedHashMap<>();
        accounts.forEach(account -> byProvider.put(account.get("providerId").asString(), account));
        assertThat(byProvider.keySet()).containsExactlyInAnyOrder("credential", "mock");
        JsonNode social = byProvider.get("mock");
        assertThat(social.get("accountId").asString()).isEqualTo(subject);
        assertThat(social.get("userId").asString()).isEqualTo(userId);
        assertThat(social.get("scopes").isArray()).isTrue();
        assertThat(social.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(social.has("accessToken")).isFalse();
        assertThat(social.has("password")).isFalse();
        assertThat(byProvider.get("credential").get("accountId").asString()).isEqualTo(userId);

        // the linked account now signs the same user in
        Browser elsewhere = browser();
        String signInUrl = elsewhere.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"callbackURL\":\"/home\"}")
                .json().get("url").asString();
        providerSignsIn(subject, email, true, "Linked Name");
        assertThat(elsewhere.get(authorize(signInUrl)).header("location")).isEqualTo("/home");
        assertThat(elsewhere.get("/api/auth/get-session").json().get("user").get("id").asString()).isEqualTo(userId);

        // unlinking needs a fresh session
        String token = new dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner(AuthTestSupport.SECRET)
                .verify(browser.cookies().get(EmailPasswordFlowsTest.COOKIE)).orElseThrow();
        jdbc.sql("update session set created_at = now() - interval '25 hours' where token = ?").param(token).update();
        var stale = browser.post("/api/auth/unlink-account", "{\"accountId\":\"" + social.get("id").asString() + "\"}");
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.json().get("code").asString()).isEqualTo("SESSION_NOT_FRESH");
        jdbc.sql("update session set created_at = now() where token = ?").param(token).update();

        var unknown = browser.post("/api/auth/unlink-account", "{\"accountId\":\"acc_doesnotexist0000000000\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("ACCOUNT_NOT_FOUND");

        var unlinked = browser.post("/api/auth/unlink-account", "{\"accountId\":\"" + social.get("id").asString() + "\"}");
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.json().get("status").asBoolean()).isTrue();
        JsonNode remaining = browser.get("/api/auth/list-accounts").json();
        assertThat(remaining).hasSize(1);
        assertThat(remaining.get(0).get("providerId").asString()).isEqualTo("credential");

        var last = browser.post("/api/auth/unlink-account", "{\"accountId\":\"" + remaining.get(0).get("id").asString() + "\"}");
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.json().get("code").asString()).isEqualTo("FAILED_TO_UNLINK_LAST_ACCOUNT");
        assertThat(count("select count(*) from account where user_id = ?", userId)).isEqualTo(1);
    }

    @Test
    void an_account_already_linked_to_another_user_is_refused() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        String first = AuthTestSupport.Emails.next();
        Browser owner = signedUp(first);
        String ownerUrl = owner.post("/api/auth/link-social", "{\"provider\":\"mock\",\"callbackURL\":\"/ok\"}").json().get("url").asString();
        providerSignsIn(subject, first, true, "Owner");
        assertThat(owner.get(authorize(ownerUrl)).header("location")).isEqualTo("/ok");

        String second = AuthTestSupport.Emails.next();
        Browser other = signedUp(second);
        String otherUrl = other.post("/api/auth/link-social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/ok\",\"errorCallbackURL\":\"/link-failed\"}").json().get("url").asString();
        providerSignsIn(subject, second, true, "Same provider user, other email");
        var refused = other.get(authorize(otherUrl));

        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("location")).isEqualTo("/link-failed?error=account_already_linked_to_different_user");
        assertThat(other.get("/api/auth/list-accounts").json()).hasSize(1);
        assertThat(jdbc.sql("select u.email from account a join \"user\" u on u.id = a.user_id where a.provider_id = 'mock' and a.account_id = ?")
                .param(subject).query(String.class).single()).isEqualTo(first);

        // and linking an account whose email is not the user's is refused too (Better Auth's default)
        String mismatchUrl = other.post("/api/auth/link-social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/ok\",\"errorCallbackURL\":\"/link-failed\"}").json().get("url").asString();
        providerSignsIn("sub-" + UUID.randomUUID(), "someone-else-" + second, true, "Other");
        assertThat(other.get(authorize(mismatchUrl)).header("location")).isEqualTo("/link-failed?error=email_does_not_match");
    }

    @Test
    void a_link_is_refused_when_the_session_that_asked_for_it_has_ended() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        String url = browser.post("/api/auth/link-social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/ok\",\"errorCallbackURL\":\"/link-failed\"}").json().get("url").asString();
        assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);

        providerSignsIn("sub-" + UUID.randomUUID(), email, true, "Ada");
        var refused = browser.get(authorize(url));

        assertThat(refused.header("location")).isEqualTo("/link-failed?error=unable_to_link_account");
        assertThat(count("select count(*) from account a join \"user\" u on u.id = a.user_id where u.email = ?", email)).isEqualTo(1);
    }

    @Test
    void implicit_linking_to_an_existing_email_needs_both_emails_verified() throws Exception {
        String email = AuthTestSupport.Emails.next();
        signedUp(email); // email_verified = false

        Browser browser = browser();
        String url = browser.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"callbackURL\":\"/in\"}").json().get("url").asString();
        providerSignsIn("sub-" + UUID.randomUUID(), email, true, "Ada");
        var unverifiedLocal = browser.get(authorize(url));
        assertThat(unverifiedLocal.header("location")).isEqualTo(ERROR_PAGE + "?error=account_not_linked");

        jdbc.sql("update \"user\" set email_verified = true where email = ?").param(email).update();
        String unverifiedProviderUrl = browser.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"callbackURL\":\"/in\"}")
                .json().get("url").asString();
        providerSignsIn("sub-" + UUID.randomUUID(), email, false, "Ada");
        assertThat(browser.get(authorize(unverifiedProviderUrl)).header("location")).isEqualTo(ERROR_PAGE + "?error=account_not_linked");

        String subject = "sub-" + UUID.randomUUID();
        String linkedUrl = browser.post("/api/auth/sign-in/social",
                "{\"provider\":\"mock\",\"callbackURL\":\"/in\",\"newUserCallbackURL\":\"/new\"}").json().get("url").asString();
        providerSignsIn(subject, email, true, "Ada");
        var linked = browser.get(authorize(linkedUrl));
        assertThat(linked.header("location")).as("an existing user is not new").isEqualTo("/in");
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("email").asString()).isEqualTo(email);
        assertThat(count("select count(*) from account a join \"user\" u on u.id = a.user_id where u.email = ?", email)).isEqualTo(2);
    }

    @Test
    void untrusted_urls_unknown_providers_and_missing_sessions_are_refused() throws Exception {
        Browser browser = browser();

        var callback = browser.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"callbackURL\":\"https://evil.example/steal\"}");
        var errorCallback = browser.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"errorCallbackURL\":\"https://evil.example/\"}");
        var newUserCallback = browser.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"newUserCallbackURL\":\"//evil.example/\"}");
        var unknownProvider = browser.post("/api/auth/sign-in/social", "{\"provider\":\"nope\"}");
        var noProvider = browser.post("/api/auth/sign-in/social", "{}");
        var anonymousLink = browser.post("/api/auth/link-social", "{\"provider\":\"mock\"}");
        var anonymousList = browser.get("/api/auth/list-accounts");

        assertThat(callback.status()).isEqualTo(403);
        assertThat(callback.json().get("code").asString()).isEqualTo("INVALID_CALLBACK_URL");
        assertThat(errorCallback.status()).isEqualTo(403);
        assertThat(errorCallback.json().get("code").asString()).isEqualTo("INVALID_ERROR_CALLBACK_URL");
        assertThat(newUserCallback.status()).isEqualTo(403);
        assertThat(newUserCallback.json().get("code").asString()).isEqualTo("INVALID_NEW_USER_CALLBACK_URL");
        assertThat(unknownProvider.status()).isEqualTo(404);
        assertThat(unknownProvider.json().get("code").asString()).isEqualTo("PROVIDER_NOT_FOUND");
        assertThat(noProvider.status()).isEqualTo(400);
        assertThat(noProvider.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(anonymousLink.status()).isEqualTo(401);
        assertThat(anonymousList.status()).isEqualTo(401);
        assertThat(anonymousList.json().get("code").asString()).isEqualTo("UNAUTHORIZED");

        var trustedAbsolute = browser.post("/api/auth/sign-in/social",
                "{\"provider\":\"mock\",\"callbackURL\":\"http://app.test:5173/after\",\"disableRedirect\":true}");
        assertThat(trustedAbsolute.status()).isEqualTo(200);
        assertThat(trustedAbsolute.json().get("redirect").asBoolean()).isFalse();
        assertThat(trustedAbsolute.header("location")).isNull();
    }

    @Test
    void github_needs_only_its_client_id_and_secret() throws Exception {
        var start = browser().post("/api/auth/sign-in/social", "{\"provider\":\"github\"}");

        assertThat(start.status()).as(start.body()).isEqualTo(200);
        String url = start.json().get("url").asString();
        assertThat(url).startsWith("https://github.com/login/oauth/authorize?");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("client_id", "github-client-id")
                .containsEntry("redirect_uri", AuthTestSupport.ORIGIN + "/api/auth/callback/github")
                .containsEntry("scope", "read:user user:email")
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .doesNotContainKey("nonce");
        assertThat(storedState(query.get("state")).get("callbackURL").asString())
                .as("Better Auth's default callbackURL is its base URL").isEqualTo(AuthTestSupport.ORIGIN);
    }

    @Test
    void an_id_token_from_the_provider_signs_in_without_a_redirect() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String idToken = PROVIDER.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID,
                "sub-" + UUID.randomUUID(), JOSEObjectType.JWT.getType(), List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", true, "name", "Token User"), 3600)).serialize();
        Browser browser = browser();

        var signIn = browser.post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"idToken\":{\"token\":\"" + idToken + "\"}}");

        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().get("redirect").asBoolean()).isFalse();
        assertThat(signIn.json().get("user").get("email").asString()).isEqualTo(email);
        assertThat(browser.get("/api/auth/get-session").json().get("session").get("token").asString())
                .isEqualTo(signIn.json().get("token").asString());

        String forged = idToken.substring(0, idToken.lastIndexOf('.') + 1) + "AAAA" + idToken.substring(idToken.lastIndexOf('.') + 5);
        var refused = browser().post("/api/auth/sign-in/social", "{\"provider\":\"mock\",\"idToken\":{\"token\":\"" + forged + "\"}}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("INVALID_TOKEN");
        var github = browser().post("/api/auth/sign-in/social", "{\"provider\":\"github\",\"idToken\":{\"token\":\"" + idToken + "\"}}");
        assertThat(github.status()).isEqualTo(404);
        assertThat(github.json().get("code").asString()).isEqualTo("ID_TOKEN_NOT_SUPPORTED");
    }

    @Test
    void a_form_post_callback_is_redirected_to_the_get_callback() throws Exception {
        HttpResponse<String> response = NO_REDIRECTS.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/auth/callback/mock"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=the+code&state=abc&ignored=1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location"))
                .contains(AuthTestSupport.ORIGIN + "/api/auth/callback/mock?code=the+code&state=abc");
    }

    // --- helpers

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    Browser signedUp(String email) throws Exception {
        Browser browser = browser();
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    /** The provider's next login: its token endpoint issues tokens for this user. */
    static void providerSignsIn(String subject, String email, boolean emailVerified, String name) {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), null,
                Map.of("email", email, "email_verified", emailVerified, "name", name), 3600));
    }

    /** The browser at the provider's authorization URL: the mock logs in at once and redirects back; returns that callback's path and query. */
    static String authorize(String authorizationUrl) throws Exception {
        HttpResponse<String> response = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith(AuthTestSupport.ORIGIN + "/api/auth/callback/mock?");
        return location.substring(AuthTestSupport.ORIGIN.length());
    }

    JsonNode storedState(String state) {
        String value = jdbc.sql("select value from verification where identifier = ?").param("auth-state:" + state)
                .query(String.class).single();
        return Browser.JSON.readTree(value);
    }

    static Map<String, String> query(String url) {
        return form(URI.create(url).getRawQuery());
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Everything the provider was asked since the last call. */
    static List<RecordedRequest> drainRecordedRequests() {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            try {
                requests.add(PROVIDER.takeRequest(200, TimeUnit.MILLISECONDS));
            } catch (RuntimeException noneLeft) {
                return requests;
            }
        }
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
