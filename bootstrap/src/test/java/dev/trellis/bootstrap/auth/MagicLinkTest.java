package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth's magic-link plugin over HTTP, against PostgreSQL, with the links read from a real SMTP server. */
@MailTestSupport
class MagicLinkTest {

    static final String COOKIE = "better-auth.session_token";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final SessionCookieSigner signer = new SessionCookieSigner(AuthTestSupport.SECRET);

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    URI send(String body, String email) throws Exception {
        var response = browser().post("/api/auth/sign-in/magic-link", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":true}");
        return EmailVerificationTest.link(TestMailServer.text(TestMailServer.next(email)));
    }

    @Test
    void the_first_use_signs_up_a_verified_user_redirects_with_the_cookie_and_the_link_works_once() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Instant sent = Instant.now();

        URI link = send("{\"email\":\"" + email + "\",\"name\":\"Maggie\",\"callbackURL\":\"/dashboard\","
                + "\"newUserCallbackURL\":\"/welcome\",\"errorCallbackURL\":\"http://app.test:5173/oops\"}", email);

        assertThat(link.toString()).matches("http://localhost:3000/api/auth/magic-link/verify\\?token=[A-Za-z]{32}"
                + "&callbackURL=%2Fdashboard&newUserCallbackURL=%2Fwelcome&errorCallbackURL=http%3A%2F%2Fapp\\.test%3A5173%2Foops");
        String token = EmailVerificationTest.query(link, "token");
        var row = jdbc.sql("select value, expires_at from verification where identifier = ?").param("magic-link:" + token)
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()}).single();
        assertThat(row[0]).isEqualTo("{\"type\":\"magic-link\",\"email\":\"" + email + "\",\"name\":\"Maggie\"}");
        assertThat(Duration.between(sent, (Instant) row[1])).isBetween(Duration.ofSeconds(290), Duration.ofSeconds(310));
        Browser browser = browser();

        var verified = browser.get(TestMailServer.pathAndQuery(link));

        assertThat(verified.status()).isEqualTo(302);
        assertThat(verified.header("location")).isEqualTo("http://localhost:3000/welcome");
        assertThat(verified.setCookies()).anyMatch(c -> c.startsWith(COOKIE + "=") && c.contains("Max-Age=604800"));
        JsonNode user = browser.get("/api/auth/get-session").json().get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("name").asString()).isEqualTo("Maggie");
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(count("select count(*) from verification where identifier = ?", "magic-link:" + token)).isZero();
        assertThat(count("select count(*) from user_profile where user_id = ?", user.get("id").asString())).isEqualTo(1);

        var replay = browser().get(TestMailServer.pathAndQuery(link));
        assertThat(replay.status()).isEqualTo(302);
        assertThat(replay.header("location")).isEqualTo("http://app.test:5173/oops?error=INVALID_TOKEN");
        assertThat(replay.setCookies()).isEmpty();

        URI second = send("{\"email\":\"" + email + "\",\"callbackURL\":\"/dashboard\",\"newUserCallbackURL\":\"/welcome\"}", email);
        var returning = browser().get(TestMailServer.pathAndQuery(second));
        assertThat(returning.header("location")).as("not a new user any more").isEqualTo("http://localhost:3000/dashboard");
        assertThat(count("select count(*) from \"user\" where email = ?", email)).isEqualTo(1);
    }

    @Test
    void without_callback_url_the_answer_is_token_user_and_session() throws Exception {
        String email = AuthTestSupport.Emails.next();
        URI link = send("{\"email\":\"" + email + "\"}", email);
        assertThat(EmailVerificationTest.query(link, "callbackURL")).isEqualTo("/");
        String token = EmailVerificationTest.query(link, "token");

        var response = browser().get("/api/auth/magic-link/verify?token=" + token);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("token", "user", "session");
        assertThat(body.get("user").get("email").asString()).isEqualTo(email);
        assertThat(body.get("user").get("name").asString()).isEmpty();
        assertThat(body.get("session").get("token").asString()).isEqualTo(body.get("token").asString());
        String cookie = response.setCookies().stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst().orElseThrow();
        assertThat(signer.verify(cookie.substring(COOKIE.length() + 1, cookie.indexOf(';')))).contains(body.get("token").asString());
    }

    @Test
    void an_expired_link_is_refused_and_deleted() throws Exception {
        String email = AuthTestSupport.Emails.next();
        URI link = send("{\"email\":\"" + email + "\",\"callbackURL\":\"/dashboard\"}", email);
        String token = EmailVerificationTest.query(link, "token");
        jdbc.sql("update verification set expires_at = now() - interval '1 second' where identifier = ?")
                .param("magic-link:" + token).update();

        var response = browser().get(TestMailServer.pathAndQuery(link));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).isEqualTo("http://localhost:3000/dashboard?error=INVALID_TOKEN");
        assertThat(count("select count(*) from verification where identifier = ?", "magic-link:" + token)).isZero();
        assertThat(count("select count(*) from \"user\" where email = ?", email)).isZero();
    }

    @Test
    void proving_the_address_of_an_unverified_account_removes_what_someone_else_may_have_set_up() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser squatter = browser();
        squatter.post("/api/auth/sign-up/email", "{\"name\":\"Squatter\",\"email\":\"" + email + "\",\"password\":\"squatter-password\"}");
        String userId = jdbc.sql("select id from \"user\" where email = ?").param(email).query(String.class).single();

        URI link = send("{\"email\":\"" + email + "\",\"callbackURL\":\"/dashboard\"}", email);
        Browser owner = browser();
        assertThat(owner.get(TestMailServer.pathAndQuery(link)).header("location")).isEqualTo("http://localhost:3000/dashboard");

        assertThat(squatter.get("/api/auth/get-session").body()).isEqualTo("null");
        assertThat(count("select count(*) from account where user_id = ?", userId)).isZero();
        assertThat(browser().post("/api/auth/sign-in/email",
                "{\"email\":\"" + email + "\",\"password\":\"squatter-password\"}").status()).isEqualTo(401);
        JsonNode user = owner.get("/api/auth/get-session").json().get("user");
        assertThat(user.get("id").asString()).isEqualTo(userId);
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void a_link_row_written_by_better_auth_works() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String token = "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEf".substring(0, 24) + "QwErTyUi";
        jdbc.sql("insert into verification (id, identifier, value, expires_at, created_at, updated_at) "
                        + "values (?, ?, ?, now() + interval '5 minutes', now(), now())")
                .params("ba" + System.nanoTime(), "magic-link:" + token,
                        "{\"type\":\"magic-link\",\"email\":\"" + email.toUpperCase() + "\"}")
                .update();

        var response = browser().get("/api/auth/magic-link/verify?token=" + token + "&callbackURL=%2Fhome");

        assertThat(response.header("location")).isEqualTo("http://localhost:3000/home");
        assertThat(count("select count(*) from \"user\" where email = ? and email_verified and name = ''", email)).isEqualTo(1);
    }

    @Test
    void untrusted_callbacks_are_refused_with_better_auths_codes() throws Exception {
        String email = AuthTestSupport.Emails.next();
        var callback = browser().post("/api/auth/sign-in/magic-link",
                "{\"email\":\"" + email + "\",\"callbackURL\":\"https://evil.example\"}");
        var error = browser().post("/api/auth/sign-in/magic-link",
                "{\"email\":\"" + email + "\",\"errorCallbackURL\":\"https://evil.example\"}");
        var newUser = browser().post("/api/auth/sign-in/magic-link",
                "{\"email\":\"" + email + "\",\"newUserCallbackURL\":\"https://evil.example\"}");
        var verify = browser().get("/api/auth/magic-link/verify?token=x&errorCallbackURL=https%3A%2F%2Fevil.example");
        var notAnEmail = browser().post("/api/auth/sign-in/magic-link", "{\"email\":\"nope\"}");

        assertThat(callback.status()).isEqualTo(403);
        assertThat(callback.json().get("code").asString()).isEqualTo("INVALID_CALLBACK_URL");
        assertThat(error.json().get("code").asString()).isEqualTo("INVALID_ERROR_CALLBACK_URL");
        assertThat(newUser.json().get("code").asString()).isEqualTo("INVALID_NEW_USER_CALLBACK_URL");
        assertThat(verify.status()).isEqualTo(403);
        assertThat(verify.json().get("code").asString()).isEqualTo("INVALID_CALLBACK_URL");
        assertThat(notAnEmail.status()).isEqualTo(400);
        assertThat(notAnEmail.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(count("select count(*) from verification where value like ?", "%" + email + "%")).isZero();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
