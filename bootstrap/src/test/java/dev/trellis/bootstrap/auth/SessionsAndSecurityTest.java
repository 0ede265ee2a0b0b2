package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Session management, the origin check, CORS, bad input and protected routes, over HTTP. */
@AuthTestSupport
class SessionsAndSecurityTest {

    static final String COOKIE = "better-auth.session_token";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    final SessionCookieSigner signer = new SessionCookieSigner(AuthTestSupport.SECRET);

    Browser signedUp(String email) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    Browser signedIn(String email) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        assertThat(browser.post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"password-123\"}").status())
                .isEqualTo(200);
        return browser;
    }

    String token(Browser browser) {
        return signer.verify(browser.cookies().get(COOKIE)).orElseThrow();
    }

    @Test
    void list_revoke_one_revoke_others_revoke_all() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser a = signedUp(email);
        Browser b = signedIn(email);
        Browser c = signedIn(email);

        JsonNode sessions = a.get("/api/auth/list-sessions").json();
        assertThat(sessions).hasSize(3);
        assertThat(sessions.get(0).has("token")).isTrue();

        assertThat(a.post("/api/auth/revoke-session", "{\"token\":\"" + token(b) + "\"}").json().get("status").asBoolean()).isTrue();
        assertThat(b.get("/api/auth/get-session").body()).isEqualTo("null");

        assertThat(a.post("/api/auth/revoke-other-sessions", "{}").status()).isEqualTo(200);
        assertThat(c.get("/api/auth/get-session").body()).isEqualTo("null");
        assertThat(a.get("/api/auth/get-session").json().get("session")).isNotNull();

        assertThat(a.post("/api/auth/revoke-sessions", "{}").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from session s join \"user\" u on u.id = s.user_id where u.email = ?")
                .param(email).query(Long.class).single()).isZero();
    }

    @Test
    void another_users_session_cannot_be_revoked() throws Exception {
        Browser mine = signedUp(AuthTestSupport.Emails.next());
        Browser theirs = signedUp(AuthTestSupport.Emails.next());

        var response = mine.post("/api/auth/revoke-session", "{\"token\":\"" + token(theirs) + "\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(theirs.get("/api/auth/get-session").json().get("session")).isNotNull();
    }

    @Test
    void listing_sessions_needs_a_fresh_session() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());
        jdbc.sql("update session set created_at = now() - interval '25 hours' where token = ?").param(token(browser)).update();

        var response = browser.get("/api/auth/list-sessions");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("SESSION_NOT_FRESH");
    }

    @Test
    void session_routes_without_a_session_are_401_in_better_auths_shape() throws Exception {
        var response = new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/list-sessions");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void cookie_carrying_writes_need_a_trusted_origin() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());

        var evil = browser.origin("https://evil.example").post("/api/auth/update-user", "{\"name\":\"Hacked\"}");
        var noOrigin = browser.origin(null).post("/api/auth/update-user", "{\"name\":\"Hacked\"}");
        var refererOnly = browser.origin(null).post("/api/auth/update-user", "{\"name\":\"Via referer\"}",
                "Referer", "http://app.test:5173/settings");
        var trustedExtra = browser.origin("http://app.test:5173").post("/api/auth/update-user", "{\"name\":\"Fine\"}");

        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.json().get("code").asString()).isEqualTo("INVALID_ORIGIN");
        assertThat(noOrigin.status()).isEqualTo(403);
        assertThat(refererOnly.status()).isEqualTo(200);
        assertThat(trustedExtra.status()).isEqualTo(200);
        assertThat(browser.origin(AuthTestSupport.ORIGIN).get("/api/auth/get-session").json().get("user").get("name").asString())
                .isEqualTo("Fine");
    }

    @Test
    void other_api_writes_with_cookies_are_origin_checked_too_and_answer_problem_json() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());

        var evil = browser.origin("https://evil.example").post("/api/items", "{\"title\":\"x\"}");

        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("content-type")).startsWith("application/problem+json");
        assertThat(evil.json().get("code").asString()).isEqualTo("origin.untrusted");
    }

    @Test
    void untrusted_callback_urls_are_refused() throws Exception {
        var response = new Browser(port, AuthTestSupport.ORIGIN).post("/api/auth/sign-up/email",
                "{\"name\":\"A\",\"email\":\"" + AuthTestSupport.Emails.next()
                        + "\",\"password\":\"password-123\",\"callbackURL\":\"https://evil.example/steal\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("INVALID_CALLBACK_URL");
    }

    @Test
    void bad_input_is_4xx_in_better_auths_shape_and_creates_nothing() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        long usersBefore = jdbc.sql("select count(*) from \"user\"").query(Long.class).single();

        var malformed = browser.post("/api/auth/sign-up/email", "{\"name\":");
        var missing = browser.post("/api/auth/sign-up/email", "{\"name\":\"A\",\"password\":\"password-123\"}");
        var wrongType = browser.post("/api/auth/sign-up/email", "{\"name\":\"A\",\"email\":5,\"password\":[1]}");
        var badEmail = browser.post("/api/auth/sign-up/email", "{\"name\":\"A\",\"email\":\"not-an-email\",\"password\":\"password-123\"}");
        var array = browser.post("/api/auth/sign-in/email", "[]");
        var huge = browser.post("/api/auth/sign-up/email", "{\"name\":\"" + "x".repeat(70_000) + "\"}");

        for (var response : new Browser.Response[]{malformed, missing, wrongType, array}) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
            assertThat(response.json().get("message").asString()).isNotBlank();
        }
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("code").asString()).isEqualTo("INVALID_EMAIL");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(jdbc.sql("select count(*) from \"user\"").query(Long.class).single()).isEqualTo(usersBefore);
    }

    @Test
    void protected_api_routes_need_a_session_and_answer_problem_json() throws Exception {
        var anonymous = new Browser(port, null).get("/api/items");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("content-type")).startsWith("application/problem+json");
        assertThat(anonymous.json().get("code").asString()).isEqualTo("auth.required");

        Browser browser = signedUp(AuthTestSupport.Emails.next());
        assertThat(browser.get("/api/no-such-route").status()).isEqualTo(404);
    }

    @Test
    void requests_are_timed_as_a_whole_not_filter_by_filter() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());
        assertThat(browser.get("/api/items").status()).isEqualTo(200);
        assertThat(new Browser(port, null).get("/api/items").status()).isEqualTo(401);

        assertThat(meters.find("http.server.requests").tag("uri", "/api/items").tag("status", "200").timer())
                .as("the request's own timer").isNotNull();
        assertThat(meters.getMeters()).map(meter -> meter.getId().getName())
                .as("no observation per security filter, authentication or authorization")
                .noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void cors_allows_credentials_for_trusted_origins_only_and_exposes_set_auth_token() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> trusted = client.send(preflight("http://app.test:5173"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> untrusted = client.send(preflight("https://evil.example"), HttpResponse.BodyHandlers.ofString());

        assertThat(trusted.headers().firstValue("access-control-allow-origin")).contains("http://app.test:5173");
        assertThat(trusted.headers().firstValue("access-control-allow-credentials")).contains("true");
        assertThat(untrusted.headers().firstValue("access-control-allow-origin")).isEmpty();

        var signUp = new Browser(port, "http://app.test:5173").post("/api/auth/sign-up/email",
                "{\"name\":\"A\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(signUp.header("access-control-expose-headers")).contains("set-auth-token");
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/sign-in/email"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build();
    }
}
