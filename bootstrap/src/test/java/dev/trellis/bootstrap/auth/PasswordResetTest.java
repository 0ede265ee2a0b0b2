package dev.trellis.bootstrap.auth;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth's password reset over HTTP, against PostgreSQL, with the email read from a real SMTP server. */
@MailTestSupport
class PasswordResetTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    String signedUp(String password) throws Exception {
        String email = AuthTestSupport.Emails.next();
        var response = browser().post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return email;
    }

    @Test
    void the_emailed_link_forwards_to_the_app_with_the_token_which_sets_a_new_password_once() throws Exception {
        String email = signedUp("old-password");
        Instant asked = Instant.now();

        var request = browser().post("/api/auth/request-password-reset",
                "{\"email\":\"" + email.toUpperCase() + "\",\"redirectTo\":\"http://app.test:5173/reset?x=1\"}");

        assertThat(request.status()).isEqualTo(200);
        assertThat(request.body()).isEqualTo(
                "{\"status\":true,\"message\":\"If this email exists in our system, check your email for the reset link\"}");
        MimeMessage mail = TestMailServer.next(email);
        assertThat(mail.getSubject()).isEqualTo("Reset your password");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@trellis.test");
        URI link = URI.create(TestMailServer.text(mail).lines().filter(line -> line.startsWith("http")).findFirst().orElseThrow());
        assertThat(link.toString()).matches("http://localhost:3000/api/auth/reset-password/[A-Za-z0-9]{24}"
                + "\\?callbackURL=http%3A%2F%2Fapp\\.test%3A5173%2Freset%3Fx%3D1");
        String token = link.getPath().substring(link.getPath().lastIndexOf('/') + 1);
        String userId = jdbc.sql("select id from \"user\" where email = ?").param(email).query(String.class).single();
        var row = jdbc.sql("select value, expires_at from verification where identifier = ?").param("reset-password:" + token)
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()}).single();
        assertThat(row[0]).isEqualTo(userId);
        assertThat(Duration.between(asked, (Instant) row[1])).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

        var forward = browser().get(TestMailServer.pathAndQuery(link));
        assertThat(forward.status()).isEqualTo(302);
        assertThat(forward.header("location")).isEqualTo("http://app.test:5173/reset?x=1&token=" + token);

        var tooShort = browser().post("/api/auth/reset-password", "{\"newPassword\":\"short\",\"token\":\"" + token + "\"}");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("code").asString()).isEqualTo("PASSWORD_TOO_SHORT");

        var reset = browser().post("/api/auth/reset-password", "{\"newPassword\":\"new-password\",\"token\":\"" + token + "\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("{\"status\":true}");
        assertThat(signIn(email, "old-password")).isEqualTo(401);
        assertThat(signIn(email, "new-password")).isEqualTo(200);

        var replay = browser().post("/api/auth/reset-password", "{\"newPassword\":\"third-password\",\"token\":\"" + token + "\"}");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).isEqualTo("{\"message\":\"Invalid token\",\"code\":\"INVALID_TOKEN\"}");
        assertThat(signIn(email, "new-password")).isEqualTo(200);
        var usedLink = browser().get(TestMailServer.pathAndQuery(link));
        assertThat(usedLink.header("location")).isEqualTo("http://app.test:5173/reset?x=1&error=INVALID_TOKEN");
    }

    @Test
    void an_unknown_address_gets_the_same_answer_and_no_email() throws Exception {
        String unknown = AuthTestSupport.Emails.next();
        String known = signedUp("password-123");

        var forUnknown = browser().post("/api/auth/request-password-reset", "{\"email\":\"" + unknown + "\"}");
        var forKnown = browser().post("/api/auth/request-password-reset", "{\"email\":\"" + known + "\"}");

        assertThat(forUnknown.status()).isEqualTo(200);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        TestMailServer.next(known); // mail leaves in order, one at a time: anything for the unknown one came first
        assertThat(TestMailServer.messagesTo(unknown)).isEmpty();
        assertThat(jdbc.sql("select count(*) from verification where value = (select id from \"user\" where email = ?)")
                .param(known).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void an_expired_token_is_refused_and_deleted() throws Exception {
        String email = signedUp("old-password");
        browser().post("/api/auth/request-password-reset", "{\"email\":\"" + email + "\",\"redirectTo\":\"/reset\"}");
        URI link = TestMailServer.nextLink(email);
        String token = link.getPath().substring(link.getPath().lastIndexOf('/') + 1);
        jdbc.sql("update verification set expires_at = now() - interval '1 second' where identifier = ?")
                .param("reset-password:" + token).update();

        var forward = browser().get(TestMailServer.pathAndQuery(link));
        assertThat(forward.header("location")).isEqualTo("http://localhost:3000/reset?error=INVALID_TOKEN");
        var reset = browser().post("/api/auth/reset-password?token=" + token, "{\"newPassword\":\"new-password\"}");

        assertThat(reset.status()).isEqualTo(400);
        assertThat(reset.json().get("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(jdbc.sql("select count(*) from verification where identifier = ?").param("reset-password:" + token)
                .query(Long.class).single()).isZero();
        assertThat(signIn(email, "old-password")).isEqualTo(200);
    }

    @Test
    void bad_requests_get_better_auths_codes() throws Exception {
        var untrusted = browser().post("/api/auth/request-password-reset",
                "{\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"redirectTo\":\"https://evil.example/steal\"}");
        var notAnEmail = browser().post("/api/auth/request-password-reset", "{\"email\":\"not-an-email\"}");
        var noToken = browser().post("/api/auth/reset-password", "{\"newPassword\":\"new-password\"}");
        var unknownToken = browser().post("/api/auth/reset-password", "{\"newPassword\":\"new-password\",\"token\":\"nope\"}");
        var untrustedForward = browser().get("/api/auth/reset-password/sometoken?callbackURL=https%3A%2F%2Fevil.example");

        assertThat(untrusted.status()).isEqualTo(403);
        assertThat(untrusted.body()).isEqualTo("{\"message\":\"Invalid redirectURL\",\"code\":\"INVALID_REDIRECT_URL\"}");
        assertThat(notAnEmail.status()).isEqualTo(400);
        assertThat(notAnEmail.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.json().get("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(unknownToken.status()).isEqualTo(400);
        assertThat(unknownToken.json().get("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(untrustedForward.status()).isEqualTo(403);
        assertThat(untrustedForward.json().get("code").asString()).isEqualTo("INVALID_CALLBACK_URL");
    }

    @Test
    void a_user_without_a_password_gets_one_by_resetting() throws Exception {
        String email = AuthTestSupport.Emails.next();
        browser().post("/api/auth/sign-in/magic-link", "{\"email\":\"" + email + "\"}");
        var signUp = browser().get(TestMailServer.pathAndQuery(TestMailServer.nextLink(email)));
        assertThat(signUp.status()).isEqualTo(302);

        browser().post("/api/auth/request-password-reset", "{\"email\":\"" + email + "\"}");
        URI link = TestMailServer.nextLink(email);
        String token = link.getPath().substring(link.getPath().lastIndexOf('/') + 1);
        var reset = browser().post("/api/auth/reset-password", "{\"newPassword\":\"first-password\",\"token\":\"" + token + "\"}");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(signIn(email, "first-password")).isEqualTo(200);
    }

    int signIn(String email, String password) throws Exception {
        return browser().post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").status();
    }
}
