package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth's email-and-password flows over HTTP, against PostgreSQL. */
@AuthTestSupport
class EmailPasswordFlowsTest {

    static final String COOKIE = "better-auth.session_token";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final SessionCookieSigner signer = new SessionCookieSigner(AuthTestSupport.SECRET);

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    Browser signedUp(String email, String password) throws Exception {
        Browser browser = browser();
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    @Test
    void sign_up_creates_user_credential_account_profile_settings_and_a_signed_session_cookie() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = browser();

        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada Lovelace\",\"email\":\"" + email.toUpperCase() + "\",\"password\":\"correct horse\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        String token = body.get("token").asString();
        JsonNode user = body.get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(user.get("emailVerified").asBoolean()).isFalse();
        assertThat(user.get("id").asString()).startsWith("usr_").hasSize(16);
        assertThat(user.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        String setCookie = response.setCookies().stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("Max-Age=604800").contains("Path=/").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Secure");
        String cookieValue = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
        assertThat(signer.verify(cookieValue)).contains(token);
        assertThat(response.header("set-auth-token")).isEqualTo(URLDecoder.decode(cookieValue, StandardCharsets.UTF_8));

        String userId = user.get("id").asString();
        assertThat(jdbc.sql("select password from account where user_id = ? and provider_id = 'credential' and account_id = ?")
                .params(userId, userId).query(String.class).single()).matches("[0-9a-f]{32}:[0-9a-f]{128}");
        assertThat(count("select count(*) from user_profile where user_id = ?", userId)).isEqualTo(1);
        assertThat(count("select count(*) from user_settings where user_id = ?", userId)).isEqualTo(1);
        assertThat(count("select count(*) from session where user_id = ? and token = ?", userId, token)).isEqualTo(1);
    }

    @Test
    void a_taken_email_is_422_and_changes_nothing() throws Exception {
        String email = AuthTestSupport.Emails.next();
        signedUp(email, "password-1");

        var again = browser().post("/api/auth/sign-up/email",
                "{\"name\":\"Other\",\"email\":\"" + email + "\",\"password\":\"password-2\"}");

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("code").asString()).isEqualTo("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
        assertThat(count("select count(*) from \"user\" where email = ?", email)).isEqualTo(1);
    }

    @Test
    void short_and_long_passwords_are_refused() throws Exception {
        var tooShort = browser().post("/api/auth/sign-up/email",
                "{\"name\":\"A\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"1234567\"}");
        var tooLong = browser().post("/api/auth/sign-up/email",
                "{\"name\":\"A\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"" + "x".repeat(129) + "\"}");

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("code").asString()).isEqualTo("PASSWORD_TOO_SHORT");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("code").asString()).isEqualTo("PASSWORD_TOO_LONG");
    }

    @Test
    void sign_in_then_get_session_then_sign_out() throws Exception {
        String email = AuthTestSupport.Emails.next();
        signedUp(email, "s3cret-pass");
        Browser browser = browser();

        var signIn = browser.post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"s3cret-pass\"}");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.json().get("redirect").asBoolean()).isFalse();
        String token = signIn.json().get("token").asString();

        var session = browser.get("/api/auth/get-session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.header("cache-control")).contains("no-store");
        assertThat(session.json().get("session").get("token").asString()).isEqualTo(token);
        assertThat(session.json().get("user").get("email").asString()).isEqualTo(email);
        Instant expiresAt = Instant.parse(session.json().get("session").get("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));

        var signOut = browser.post("/api/auth/sign-out", "{}");
        assertThat(signOut.status()).isEqualTo(200);
        assertThat(signOut.json().get("success").asBoolean()).isTrue();
        assertThat(count("select count(*) from session where token = ?", token)).isZero();
        assertThat(browser.get("/api/auth/get-session").body()).isEqualTo("null");
    }

    @Test
    void wrong_password_and_unknown_email_get_the_same_401() throws Exception {
        String email = AuthTestSupport.Emails.next();
        signedUp(email, "right-password");

        var wrong = browser().post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}");
        var unknown = browser().post("/api/auth/sign-in/email",
                "{\"email\":\"nobody-" + email + "\",\"password\":\"wrong-password\"}");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.json().get("code").asString()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void no_session_is_null_and_forged_or_malformed_cookies_are_no_session() throws Exception {
        Browser anonymous = browser();
        assertThat(anonymous.get("/api/auth/get-session").body()).isEqualTo("null");

        Browser signedIn = signedUp(AuthTestSupport.Emails.next(), "password-123");
        String genuine = signedIn.cookies().get(COOKIE);
        String token = signer.verify(genuine).orElseThrow();

        for (String forged : new String[]{token, token + ".AAAA", genuine.substring(0, genuine.length() - 4) + "AAAA",
                "%%%", new SessionCookieSigner("another-secret-0123456789abcdef0123").sign(token), ""}) {
            Browser attacker = browser();
            attacker.cookie(COOKIE, forged);
            var response = attacker.get("/api/auth/get-session");
            assertThat(response.status()).as(forged).isEqualTo(200);
            assertThat(response.body()).as(forged).isEqualTo("null");
        }
    }

    @Test
    void bearer_tokens_signed_or_bare_are_accepted_like_the_cookie() throws Exception {
        Browser signedIn = signedUp(AuthTestSupport.Emails.next(), "password-123");
        String signed = URLDecoder.decode(signedIn.cookies().get(COOKIE), StandardCharsets.UTF_8);
        String bare = signed.substring(0, signed.lastIndexOf('.'));

        for (String bearer : new String[]{signed, bare}) {
            var response = new Browser(port, null).get("/api/auth/get-session", "Authorization", "Bearer " + bearer);
            assertThat(response.json().get("session").get("token").asString()).isEqualTo(bare);
        }
        var forged = new Browser(port, null).get("/api/auth/get-session", "Authorization", "Bearer " + bare + ".forgedsignature0000000000000000000000000000=");
        assertThat(forged.body()).isEqualTo("null");
    }

    @Test
    void remember_me_off_gives_a_one_day_browser_session_cookie_that_does_not_slide() throws Exception {
        String email = AuthTestSupport.Emails.next();
        signedUp(email, "password-123");
        Browser browser = browser();

        var signIn = browser.post("/api/auth/sign-in/email",
                "{\"email\":\"" + email + "\",\"password\":\"password-123\",\"rememberMe\":false}");

        String sessionCookie = signIn.setCookies().stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst().orElseThrow();
        assertThat(sessionCookie).doesNotContain("Max-Age").doesNotContain("Expires");
        assertThat(signIn.setCookies()).anyMatch(c -> c.startsWith("better-auth.dont_remember="));
        String token = signIn.json().get("token").asString();
        Instant expiresAt = jdbc.sql("select expires_at from session where token = ?").param(token)
                .query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofHours(23), Duration.ofDays(1));

        jdbc.sql("update session set expires_at = now() + interval '2 hours' where token = ?").param(token).update();
        var later = browser.get("/api/auth/get-session");
        assertThat(later.setCookies()).isEmpty();
        assertThat(Instant.parse(later.json().get("session").get("expiresAt").asString()))
                .isBefore(Instant.now().plus(Duration.ofHours(3)));
    }

    @Test
    void a_session_used_a_day_after_its_last_extension_slides_to_seven_days_and_the_cookie_is_resent() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next(), "password-123");
        String token = signer.verify(browser.cookies().get(COOKIE)).orElseThrow();
        jdbc.sql("update session set expires_at = now() + interval '5 days' where token = ?").param(token).update();

        var response = browser.get("/api/auth/get-session");

        Instant expiresAt = Instant.parse(response.json().get("session").get("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expiresAt)).isGreaterThan(Duration.ofDays(7).minusMinutes(1));
        assertThat(response.setCookies()).anyMatch(c -> c.startsWith(COOKIE + "=") && c.contains("Max-Age=604800"));

        var soonAfter = browser.get("/api/auth/get-session");
        assertThat(soonAfter.setCookies()).as("no refresh within a day of the last one").isEmpty();
    }

    @Test
    void an_expired_session_is_refused_and_deleted() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next(), "password-123");
        String token = signer.verify(browser.cookies().get(COOKIE)).orElseThrow();
        jdbc.sql("update session set expires_at = now() - interval '1 second' where token = ?").param(token).update();

        assertThat(browser.get("/api/auth/get-session").body()).isEqualTo("null");
        assertThat(count("select count(*) from session where token = ?", token)).isZero();
    }

    @Test
    void update_user_changes_name_and_image_but_not_email() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next(), "password-123");

        var update = browser.post("/api/auth/update-user", "{\"name\":\"Grace\",\"image\":\"https://example.com/g.png\"}");
        var email = browser.post("/api/auth/update-user", "{\"email\":\"x@example.com\"}");
        var badImage = browser.post("/api/auth/update-user", "{\"image\":\"javascript:alert(1)\"}");

        assertThat(update.status()).isEqualTo(200);
        assertThat(update.json().get("status").asBoolean()).isTrue();
        JsonNode user = browser.get("/api/auth/get-session").json().get("user");
        assertThat(user.get("name").asString()).isEqualTo("Grace");
        assertThat(user.get("image").asString()).isEqualTo("https://example.com/g.png");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.json().get("code").asString()).isEqualTo("EMAIL_CAN_NOT_BE_UPDATED");
        assertThat(badImage.status()).isEqualTo(400);
        assertThat(badImage.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void change_password_checks_the_current_one_and_can_revoke_the_other_sessions() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser first = signedUp(email, "old-password");
        Browser second = browser();
        second.post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"old-password\"}");

        var wrong = first.post("/api/auth/change-password", "{\"currentPassword\":\"nope-nope\",\"newPassword\":\"new-password\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asString()).isEqualTo("INVALID_PASSWORD");

        var changed = first.post("/api/auth/change-password",
                "{\"currentPassword\":\"old-password\",\"newPassword\":\"new-password\",\"revokeOtherSessions\":true}");
        assertThat(changed.status()).isEqualTo(200);
        String newToken = changed.json().get("token").asString();
        assertThat(newToken).isNotBlank();
        assertThat(first.get("/api/auth/get-session").json().get("session").get("token").asString()).isEqualTo(newToken);
        assertThat(second.get("/api/auth/get-session").body()).isEqualTo("null");

        assertThat(browser().post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"old-password\"}").status())
                .isEqualTo(401);
        assertThat(browser().post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"new-password\"}").status())
                .isEqualTo(200);
    }

    @Test
    void delete_user_with_password_or_fresh_session_and_cascade() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email, "password-123");
        String userId = browser.get("/api/auth/get-session").json().get("user").get("id").asString();

        var wrong = browser.post("/api/auth/delete-user", "{\"password\":\"wrong-password\"}");
        assertThat(wrong.status()).isEqualTo(400);

        var deleted = browser.post("/api/auth/delete-user", "{\"password\":\"password-123\"}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(count("select count(*) from \"user\" where id = ?", userId)).isZero();
        assertThat(count("select count(*) from session where user_id = ?", userId)).isZero();
        assertThat(count("select count(*) from account where user_id = ?", userId)).isZero();
        assertThat(count("select count(*) from user_profile where user_id = ?", userId)).isZero();

        Browser stale = signedUp(AuthTestSupport.Emails.next(), "password-123");
        String token = signer.verify(stale.cookies().get(COOKIE)).orElseThrow();
        jdbc.sql("update session set created_at = now() - interval '2 days' where token = ?").param(token).update();
        var notFresh = stale.post("/api/auth/delete-user", "{}");
        assertThat(notFresh.status()).isEqualTo(403);
        assertThat(notFresh.json().get("code").asString()).isEqualTo("SESSION_NOT_FRESH");
        jdbc.sql("update session set created_at = now() where token = ?").param(token).update();
        assertThat(stale.post("/api/auth/delete-user", "{}").status()).isEqualTo(200);
    }

    @Test
    void the_demo_user_signs_in_with_the_documented_password() throws Exception {
        jdbc.sql("delete from \"user\" where email = 'demo@example.com' and id <> 'usr_demo00000001'").update();
        var signIn = browser().post("/api/auth/sign-in/email", "{\"email\":\"demo@example.com\",\"password\":\"trellis-demo\"}");

        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().get("user").get("name").asString()).isEqualTo("Demo User");
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
