package dev.trellis.bootstrap.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better Auth's {@code emailAndPassword.requireEmailVerification} with {@code sendOnSignIn}, switched
 * on by {@code trellis.auth.require-email-verification}, over HTTP against PostgreSQL, with the
 * emails read from a real SMTP server. Mail leaves in order on one thread, so "no mail" is shown by
 * the next mail to the address being the one a later request sent. Better Auth's own client (on
 * Node.js, as in {@link BetterAuthInteropTest}; skipped without {@code node}) gets the same answers.
 */
@MailTestSupport
@TestPropertySource(properties = "trellis.auth.require-email-verification=true")
class RequiredEmailVerificationTest {

    static final String COOKIE = "better-auth.session_token";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    Browser.Response signUp(String email, String password, String callbackURL) throws Exception {
        return browser().post("/api/auth/sign-up/email", "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\""
                + password + "\"" + (callbackURL == null ? "" : ",\"callbackURL\":\"" + callbackURL + "\"") + "}");
    }

    Browser.Response signIn(Browser browser, String email, String password, String callbackURL) throws Exception {
        return browser.post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\""
                + (callbackURL == null ? "" : ",\"callbackURL\":\"" + callbackURL + "\"") + "}");
    }

    @Test
    void sign_up_answers_no_token_sets_no_cookie_opens_no_session_and_mails_the_link() throws Exception {
        String email = AuthTestSupport.Emails.next();

        var response = signUp(email, "password-123", "/welcome");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("token").isNull()).isTrue();
        assertThat(body.get("user").get("email").asString()).isEqualTo(email);
        assertThat(body.get("user").get("emailVerified").asBoolean()).isFalse();
        assertThat(response.setCookies()).noneMatch(cookie -> cookie.startsWith(COOKIE + "="));
        assertThat(response.header("set-auth-token")).isNull();
        String userId = userId(email);
        assertThat(body.get("user").get("id").asString()).isEqualTo(userId);
        assertThat(sessions(userId)).isZero();
        var mail = TestMailServer.next(email);
        assertThat(mail.getSubject()).isEqualTo("Verify your email address");
        assertThat(TestMailServer.text(mail)).containsPattern(
                "http://localhost:3000/api/auth/verify-email\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+&callbackURL=%2Fwelcome");
    }

    @Test
    void sign_in_of_an_unverified_user_is_403_without_a_session_mails_the_link_and_after_the_link_it_works() throws Exception {
        String email = AuthTestSupport.Emails.next();
        assertThat(signUp(email, "password-123", null).status()).isEqualTo(200);
        TestMailServer.next(email); // the sign-up's link
        String userId = userId(email);
        Browser browser = browser();

        var refused = signIn(browser, email, "password-123", "/dashboard");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Email not verified\",\"code\":\"EMAIL_NOT_VERIFIED\"}");
        assertThat(refused.setCookies()).noneMatch(cookie -> cookie.startsWith(COOKIE + "="));
        assertThat(refused.header("set-auth-token")).isNull();
        assertThat(browser.cookies()).doesNotContainKey(COOKIE);
        assertThat(sessions(userId)).isZero();
        var mail = TestMailServer.next(email);
        assertThat(mail.getSubject()).isEqualTo("Verify your email address");
        URI link = EmailVerificationTest.link(TestMailServer.text(mail));
        assertThat(link.toString()).matches(
                "http://localhost:3000/api/auth/verify-email\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+&callbackURL=%2Fdashboard");

        var verified = browser().get(TestMailServer.pathAndQuery(link));
        assertThat(verified.status()).isEqualTo(302);
        assertThat(verified.header("location")).isEqualTo("/dashboard");
        assertThat(emailVerified(email)).isTrue();

        var signedIn = signIn(browser, email, "password-123", null);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(browser.cookies()).containsKey(COOKIE);
        assertThat(sessions(userId)).isEqualTo(1);
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("email").asString()).isEqualTo(email);
    }

    @Test
    void a_wrong_password_of_an_unverified_user_is_still_invalid_email_or_password_and_mails_nothing() throws Exception {
        String email = AuthTestSupport.Emails.next();
        assertThat(signUp(email, "password-123", null).status()).isEqualTo(200);
        TestMailServer.next(email); // the sign-up's link

        var wrong = signIn(browser(), email, "wrong-password", "/wrong");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asString()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
        assertThat(sessions(userId(email))).isZero();
        assertThat(signIn(browser(), email, "password-123", "/right").status()).isEqualTo(403);
        assertThat(TestMailServer.text(TestMailServer.next(email))).as("the next mail is the right password's")
                .contains("callbackURL=%2Fright");
    }

    @Test
    void sign_up_with_a_taken_email_answers_like_a_new_one_and_changes_and_mails_nothing() throws Exception {
        String email = AuthTestSupport.Emails.next();
        assertThat(signUp(email, "password-123", null).status()).isEqualTo(200);
        TestMailServer.next(email); // the sign-up's link
        String userId = userId(email);

        var again = signUp(email, "password-456", "/again");

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("token").isNull()).isTrue();
        assertThat(again.json().get("user").get("email").asString()).isEqualTo(email);
        assertThat(again.json().get("user").get("id").asString()).isNotEqualTo(userId);
        assertThat(again.setCookies()).noneMatch(cookie -> cookie.startsWith(COOKIE + "="));
        assertThat(jdbc.sql("select count(*) from \"user\" where email = ?").param(email).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(signIn(browser(), email, "password-456", null).status()).as("the first password stays").isEqualTo(401);
        assertThat(signIn(browser(), email, "password-123", "/first").status()).isEqualTo(403);
        assertThat(TestMailServer.text(TestMailServer.next(email))).as("no mail for the taken email")
                .contains("callbackURL=%2Ffirst");
    }

    @Test
    void better_auths_own_client_gets_no_session_on_sign_up_and_email_not_verified_on_sign_in() throws Exception {
        BetterAuthNode node = BetterAuthNode.prepared(); // skips the test without Node.js
        String email = AuthTestSupport.Emails.next();

        BetterAuthNode.Result run = node.run("client-flow.mjs", Map.of("AUTH_URL", "http://localhost:" + port,
                "ORIGIN", AuthTestSupport.ORIGIN, "EMAIL", email, "PASSWORD", "client-password-1"), Duration.ofSeconds(120));
        JsonNode steps = Browser.JSON.readTree(run.lastLine()).get("steps");
        String context = run.output();

        JsonNode signUp = steps.get("signUp");
        assertThat(signUp.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(signUp.get("data").get("token").isNull()).as(context).isTrue();
        assertThat(signUp.get("data").get("user").get("emailVerified").asBoolean()).isFalse();
        assertThat(signUp.get("cookies").toString()).as(context).doesNotContain(COOKIE);
        assertThat(steps.get("getSession").get("data").isNull()).as(context).isTrue();
        JsonNode wrong = steps.get("signInWrongPassword");
        assertThat(wrong.get("status").asInt()).as(context).isEqualTo(401);
        assertThat(wrong.get("error").get("code").asString()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
        JsonNode signIn = steps.get("signIn");
        assertThat(signIn.get("status").asInt()).as(context).isEqualTo(403);
        assertThat(signIn.get("data").isNull()).as(context).isTrue();
        assertThat(signIn.get("error").get("code").asString()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(signIn.get("error").get("message").asString()).isEqualTo("Email not verified");
        assertThat(signIn.get("cookies").toString()).as(context).doesNotContain(COOKIE);
        assertThat(sessions(userId(email))).isZero();
        assertThat(TestMailServer.next(email).getSubject()).as("the sign-up's link").isEqualTo("Verify your email address");
        assertThat(TestMailServer.next(email).getSubject()).as("the sign-in's link").isEqualTo("Verify your email address");
    }

    String userId(String email) {
        return jdbc.sql("select id from \"user\" where email = ?").param(email).query(String.class).single();
    }

    boolean emailVerified(String email) {
        return jdbc.sql("select email_verified from \"user\" where email = ?").param(email).query(Boolean.class).single();
    }

    int sessions(String userId) {
        return jdbc.sql("select count(*) from session where user_id = ?").param(userId).query(Integer.class).single();
    }
}
