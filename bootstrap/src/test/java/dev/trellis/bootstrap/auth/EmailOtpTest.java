package dev.trellis.bootstrap.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth's email-otp plugin over HTTP, against PostgreSQL, with the codes read from a real SMTP server. */
@MailTestSupport
class EmailOtpTest {

    static final String COOKIE = "better-auth.session_token";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    String sendCode(String email, String type) throws Exception {
        var response = browser().post("/api/auth/email-otp/send-verification-otp",
                "{\"email\":\"" + email + "\",\"type\":\"" + type + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
        return TestMailServer.nextCode(email);
    }

    String row(String identifier) {
        return jdbc.sql("select value from verification where identifier = ?").param(identifier).query(String.class)
                .optional().orElse(null);
    }

    @Test
    void a_right_sign_in_code_signs_up_a_verified_user_once() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Instant sent = Instant.now();
        String code = sendCode(email.toUpperCase(), "sign-in");

        assertThat(code).matches("\\d{6}");
        assertThat(row("sign-in-otp-" + email)).isEqualTo(code + ":0");
        Instant expiresAt = jdbc.sql("select expires_at from verification where identifier = ?").param("sign-in-otp-" + email)
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(Duration.between(sent, expiresAt)).isBetween(Duration.ofSeconds(290), Duration.ofSeconds(310));
        String wrong = code.equals("000000") ? "111111" : "000000";

        var miss = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + wrong + "\"}");
        assertThat(miss.status()).isEqualTo(400);
        assertThat(miss.body()).isEqualTo("{\"message\":\"Invalid OTP\",\"code\":\"INVALID_OTP\"}");
        assertThat(row("sign-in-otp-" + email)).isEqualTo(code + ":1");

        Browser browser = browser();
        var signIn = browser.post("/api/auth/sign-in/email-otp",
                "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\",\"name\":\"Otto\"}");

        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        JsonNode body = signIn.json();
        assertThat(body.propertyNames()).containsExactly("token", "user");
        assertThat(body.get("user").get("email").asString()).isEqualTo(email);
        assertThat(body.get("user").get("name").asString()).isEqualTo("Otto");
        assertThat(body.get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(signIn.setCookies()).anyMatch(c -> c.startsWith(COOKIE + "="));
        assertThat(browser.get("/api/auth/get-session").json().get("session").get("token").asString())
                .isEqualTo(body.get("token").asString());
        assertThat(row("sign-in-otp-" + email)).isNull();

        var replay = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\"}");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("code").asString()).isEqualTo("INVALID_OTP");

        String again = sendCode(email, "sign-in");
        var existing = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + again + "\"}");
        assertThat(existing.json().get("user").get("id").asString()).isEqualTo(body.get("user").get("id").asString());
    }

    @Test
    void three_wrong_guesses_use_the_code_up_and_the_next_try_is_too_many_attempts() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String code = sendCode(email, "sign-in");
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 3; attempt++) {
            var miss = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + wrong + "\"}");
            assertThat(miss.status()).isEqualTo(400);
            assertThat(miss.json().get("code").asString()).isEqualTo("INVALID_OTP");
            assertThat(row("sign-in-otp-" + email)).isEqualTo(code + ":" + attempt);
        }
        var locked = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\"}");

        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.body()).isEqualTo("{\"message\":\"Too many attempts\",\"code\":\"TOO_MANY_ATTEMPTS\"}");
        assertThat(row("sign-in-otp-" + email)).isNull();
        assertThat(jdbc.sql("select count(*) from \"user\" where email = ?").param(email).query(Long.class).single()).isZero();
        var after = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\"}");
        assertThat(after.json().get("code").asString()).isEqualTo("INVALID_OTP");
    }

    @Test
    void an_expired_code_is_refused_and_deleted() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String code = sendCode(email, "sign-in");
        jdbc.sql("update verification set expires_at = now() - interval '1 second' where identifier = ?")
                .param("sign-in-otp-" + email).update();

        var response = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"message\":\"OTP expired\",\"code\":\"OTP_EXPIRED\"}");
        assertThat(row("sign-in-otp-" + email)).isNull();
    }

    @Test
    void a_verification_code_verifies_an_existing_address_and_unknown_addresses_get_nothing() throws Exception {
        String unknown = AuthTestSupport.Emails.next();
        String email = AuthTestSupport.Emails.next();
        browser().post("/api/auth/sign-up/email", "{\"name\":\"Vera\",\"email\":\"" + email + "\",\"password\":\"password-123\"}");

        var forUnknown = browser().post("/api/auth/email-otp/send-verification-otp",
                "{\"email\":\"" + unknown + "\",\"type\":\"email-verification\"}");
        String code = sendCode(email, "email-verification");

        assertThat(forUnknown.body()).isEqualTo("{\"success\":true}");
        assertThat(TestMailServer.messagesTo(unknown)).isEmpty();
        assertThat(row("email-verification-otp-" + unknown)).isNull();
        var verified = browser().post("/api/auth/email-otp/verify-email", "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode body = verified.json();
        assertThat(body.propertyNames()).containsExactly("status", "token", "user");
        assertThat(body.get("status").asBoolean()).isTrue();
        assertThat(body.get("token").isNull()).isTrue();
        assertThat(body.get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(jdbc.sql("select email_verified from \"user\" where email = ?").param(email).query(Boolean.class).single()).isTrue();
    }

    @Test
    void a_forget_password_code_is_checked_then_sets_a_new_password_once() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String unknown = AuthTestSupport.Emails.next();
        browser().post("/api/auth/sign-up/email", "{\"name\":\"Pat\",\"email\":\"" + email + "\",\"password\":\"old-password\"}");

        var forUnknown = browser().post("/api/auth/forget-password/email-otp", "{\"email\":\"" + unknown + "\"}");
        var request = browser().post("/api/auth/email-otp/request-password-reset", "{\"email\":\"" + email + "\"}");
        assertThat(forUnknown.body()).isEqualTo("{\"success\":true}");
        assertThat(request.body()).isEqualTo("{\"success\":true}");
        var mail = TestMailServer.next(email);
        assertThat(mail.getSubject()).isEqualTo("Your password reset code");
        String code = TestMailServer.text(mail).replaceAll("(?s).*Your code: (\\d{6}).*", "$1");
        assertThat(TestMailServer.messagesTo(unknown)).isEmpty();

        var check = browser().post("/api/auth/email-otp/check-verification-otp",
                "{\"email\":\"" + email + "\",\"type\":\"forget-password\",\"otp\":\"" + code + "\"}");
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(row("forget-password-otp-" + email)).as("checking does not use it up").isEqualTo(code + ":0");
        var tooShort = browser().post("/api/auth/email-otp/reset-password",
                "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\",\"password\":\"short\"}");
        assertThat(tooShort.json().get("code").asString()).isEqualTo("PASSWORD_TOO_SHORT");

        var reset = browser().post("/api/auth/email-otp/reset-password",
                "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\",\"password\":\"new-password\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("{\"success\":true}");
        assertThat(signIn(email, "old-password")).isEqualTo(401);
        assertThat(signIn(email, "new-password")).isEqualTo(200);
        assertThat(jdbc.sql("select email_verified from \"user\" where email = ?").param(email).query(Boolean.class).single()).isTrue();
        var replay = browser().post("/api/auth/email-otp/reset-password",
                "{\"email\":\"" + email + "\",\"otp\":\"" + code + "\",\"password\":\"third-password\"}");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("code").asString()).isEqualTo("INVALID_OTP");
    }

    @Test
    void a_code_row_written_by_better_auth_works() throws Exception {
        String email = AuthTestSupport.Emails.next();
        jdbc.sql("insert into verification (id, identifier, value, expires_at, created_at, updated_at) "
                        + "values (?, ?, '482913:0', now() + interval '5 minutes', now(), now())")
                .params("ba" + System.nanoTime(), "sign-in-otp-" + email).update();

        var response = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"" + email + "\",\"otp\":\"482913\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("user").get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void bad_requests_get_better_auths_codes() throws Exception {
        var badType = browser().post("/api/auth/email-otp/send-verification-otp", "{\"email\":\"a@example.com\",\"type\":\"nope\"}");
        var changeEmail = browser().post("/api/auth/email-otp/send-verification-otp",
                "{\"email\":\"a@example.com\",\"type\":\"change-email\"}");
        var badEmail = browser().post("/api/auth/email-otp/send-verification-otp", "{\"email\":\"nope\",\"type\":\"sign-in\"}");
        var missing = browser().post("/api/auth/sign-in/email-otp", "{\"email\":\"a@example.com\"}");
        var noCode = browser().post("/api/auth/sign-in/email-otp",
                "{\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"otp\":\"123456\"}");

        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(changeEmail.status()).isEqualTo(400);
        assertThat(changeEmail.body()).isEqualTo("{\"message\":\"Invalid OTP type\"}");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.body()).isEqualTo("{\"message\":\"Invalid email\",\"code\":\"INVALID_EMAIL\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.json().get("code").asString()).isEqualTo("INVALID_OTP");
    }

    int signIn(String email, String password) throws Exception {
        return browser().post("/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").status();
    }
}
