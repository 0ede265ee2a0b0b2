package dev.trellis.bootstrap.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better Auth's email verification and email change over HTTP, against PostgreSQL, with the
 * emails read from a real SMTP server, and links made the way Better Auth makes them.
 */
@MailTestSupport
class EmailVerificationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

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

    @Test
    void the_emailed_link_carries_better_auths_jwt_and_verifies_the_address() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        String userId = userId(email);
        long before = Instant.now().getEpochSecond();

        var send = browser.post("/api/auth/send-verification-email", "{\"email\":\"" + email + "\",\"callbackURL\":\"/welcome\"}");

        assertThat(send.status()).as(send.body()).isEqualTo(200);
        assertThat(send.body()).isEqualTo("{\"status\":true}");
        var mail = TestMailServer.next(email);
        assertThat(mail.getSubject()).isEqualTo("Verify your email address");
        URI link = link(TestMailServer.text(mail));
        assertThat(link.toString()).matches("http://localhost:3000/api/auth/verify-email\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+&callbackURL=%2Fwelcome");
        String token = query(link, "token");
        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"HS256\"}");
        JsonNode claims = Browser.JSON.readTree(part(token, 1));
        assertThat(claims.propertyNames()).containsExactly("email", "userId", "iat", "exp");
        assertThat(claims.get("email").asString()).isEqualTo(email);
        assertThat(claims.get("userId").asString()).isEqualTo(userId);
        assertThat(claims.get("iat").asLong()).isBetween(before, before + 60);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);

        var verified = browser.get(TestMailServer.pathAndQuery(link));

        assertThat(verified.status()).isEqualTo(302);
        assertThat(verified.header("location")).isEqualTo("/welcome");
        assertThat(emailVerified(email)).isTrue();
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("emailVerified").asBoolean()).isTrue();
        var again = browser().get("/api/auth/verify-email?token=" + token);
        assertThat(again.status()).as("a verified address stays verified").isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"status\":true,\"user\":null}");
    }

    @Test
    void a_link_made_by_better_auths_algorithm_verifies_and_tampered_or_expired_ones_do_not() throws Exception {
        String email = AuthTestSupport.Emails.next();
        signedUp(email);
        String userId = userId(email);
        long now = Instant.now().getEpochSecond();
        String betterAuths = betterAuthJwt("{\"email\":\"" + email + "\",\"userId\":\"" + userId + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}");
        String tampered = betterAuthJwt("{\"email\":\"" + email + "\",\"userId\":\"" + userId + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}", "another-secret-0123456789abcdef0123456789");
        String[] parts = betterAuths.split("\\.");
        String forgedClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"email\":\"" + email + "\",\"iat\":" + now + ",\"exp\":" + (now + 99999) + "}").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String expired = betterAuthJwt("{\"email\":\"" + email + "\",\"userId\":\"" + userId + "\",\"iat\":" + (now - 7200)
                + ",\"exp\":" + (now - 3600) + "}");

        for (String bad : new String[]{tampered, forgedClaims, "not-a-jwt", betterAuths.substring(0, betterAuths.length() - 2)}) {
            var refused = browser().get("/api/auth/verify-email?token=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(401);
            assertThat(refused.body()).isEqualTo("{\"message\":\"Invalid token\",\"code\":\"INVALID_TOKEN\"}");
        }
        var redirected = browser().get("/api/auth/verify-email?token=" + tampered + "&callbackURL=%2Fdone%3Fq%3D1");
        assertThat(redirected.status()).isEqualTo(302);
        assertThat(redirected.header("location")).isEqualTo("/done?q=1&error=INVALID_TOKEN");
        var tooLate = browser().get("/api/auth/verify-email?token=" + expired);
        assertThat(tooLate.status()).isEqualTo(401);
        assertThat(tooLate.json().get("code").asString()).isEqualTo("TOKEN_EXPIRED");
        assertThat(emailVerified(email)).isFalse();

        var verified = browser().get("/api/auth/verify-email?token=" + betterAuths);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).isEqualTo("{\"status\":true,\"user\":null}");
        assertThat(emailVerified(email)).isTrue();
    }

    @Test
    void without_a_session_only_an_unverified_account_gets_an_email_and_every_address_the_same_answer() throws Exception {
        String unknown = AuthTestSupport.Emails.next();
        String verified = AuthTestSupport.Emails.next();
        String unverified = AuthTestSupport.Emails.next();
        signedUp(verified);
        jdbc.sql("update \"user\" set email_verified = true where email = ?").param(verified).update();
        signedUp(unverified);

        var answers = new String[3];
        String[] emails = {unknown, verified, unverified};
        for (int i = 0; i < 3; i++) {
            var response = new Browser(port, null).post("/api/auth/send-verification-email", "{\"email\":\"" + emails[i] + "\"}");
            assertThat(response.status()).isEqualTo(200);
            answers[i] = response.body();
        }

        assertThat(answers).containsOnly("{\"status\":true}");
        URI link = link(TestMailServer.text(TestMailServer.next(unverified)));
        assertThat(query(link, "callbackURL")).isEqualTo("/");
        assertThat(TestMailServer.messagesTo(unknown)).isEmpty();
        assertThat(TestMailServer.messagesTo(verified)).isEmpty();
    }

    @Test
    void signed_in_the_address_must_be_ones_own_and_unverified_and_callbacks_must_be_trusted() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);

        var mismatch = browser.post("/api/auth/send-verification-email", "{\"email\":\"other-" + email + "\"}");
        var untrusted = browser.post("/api/auth/send-verification-email",
                "{\"email\":\"" + email + "\",\"callbackURL\":\"https://evil.example\"}");
        var untrustedVerify = browser().get("/api/auth/verify-email?token=x&callbackURL=https%3A%2F%2Fevil.example");
        jdbc.sql("update \"user\" set email_verified = true where email = ?").param(email).update();
        var already = browser.post("/api/auth/send-verification-email", "{\"email\":\"" + email + "\"}");

        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).isEqualTo("{\"message\":\"Email mismatch\",\"code\":\"EMAIL_MISMATCH\"}");
        assertThat(untrusted.status()).isEqualTo(403);
        assertThat(untrusted.body()).isEqualTo("{\"message\":\"Invalid callbackURL\",\"code\":\"INVALID_CALLBACK_URL\"}");
        assertThat(untrustedVerify.status()).isEqualTo(403);
        assertThat(already.status()).isEqualTo(400);
        assertThat(already.json().get("code").asString()).isEqualTo("EMAIL_ALREADY_VERIFIED");
    }

    @Test
    void an_unverified_address_changes_at_once_and_the_new_one_gets_a_verification_link() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String newEmail = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);

        var change = browser.post("/api/auth/change-email", "{\"newEmail\":\"" + newEmail.toUpperCase() + "\",\"callbackURL\":\"/settings\"}");

        assertThat(change.status()).as(change.body()).isEqualTo(200);
        assertThat(change.body()).isEqualTo("{\"status\":true}");
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("email").asString()).isEqualTo(newEmail);
        URI link = link(TestMailServer.text(TestMailServer.next(newEmail)));
        JsonNode claims = Browser.JSON.readTree(part(query(link, "token"), 1));
        assertThat(claims.get("email").asString()).isEqualTo(newEmail);
        assertThat(claims.has("updateTo")).isFalse();
        assertThat(browser.get(TestMailServer.pathAndQuery(link)).header("location")).isEqualTo("/settings");
        assertThat(emailVerified(newEmail)).isTrue();
        assertThat(TestMailServer.messagesTo(email)).isEmpty();
    }

    @Test
    void a_verified_address_changes_only_when_the_link_sent_to_the_new_one_is_opened_once() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String newEmail = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        String userId = userId(email);
        jdbc.sql("update \"user\" set email_verified = true where id = ?").param(userId).update();

        var change = browser.post("/api/auth/change-email", "{\"newEmail\":\"" + newEmail + "\"}");

        assertThat(change.status()).as(change.body()).isEqualTo(200);
        assertThat(jdbc.sql("select email from \"user\" where id = ?").param(userId).query(String.class).single()).isEqualTo(email);
        var mail = TestMailServer.next(newEmail);
        assertThat(mail.getSubject()).isEqualTo("Confirm your new email address");
        URI link = link(TestMailServer.text(mail));
        String token = query(link, "token");
        JsonNode claims = Browser.JSON.readTree(part(token, 1));
        assertThat(claims.propertyNames()).containsExactly("email", "updateTo", "requestType", "userId", "iat", "exp");
        assertThat(claims.get("email").asString()).isEqualTo(email);
        assertThat(claims.get("updateTo").asString()).isEqualTo(newEmail);
        assertThat(claims.get("requestType").asString()).isEqualTo("change-email-verification");

        Browser someoneElse = signedUp(AuthTestSupport.Emails.next());
        var wrongUser = someoneElse.get("/api/auth/verify-email?token=" + token);
        assertThat(wrongUser.status()).isEqualTo(401);
        assertThat(wrongUser.json().get("code").asString()).isEqualTo("INVALID_USER");

        var moved = browser.get("/api/auth/verify-email?token=" + token);

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        JsonNode body = moved.json();
        assertThat(body.get("status").asBoolean()).isTrue();
        assertThat(body.get("user").get("email").asString()).isEqualTo(newEmail);
        assertThat(body.get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(jdbc.sql("select email from \"user\" where id = ?").param(userId).query(String.class).single()).isEqualTo(newEmail);
        assertThat(browser.get(TestMailServer.pathAndQuery(link)).header("location")).as("used once")
                .isEqualTo("/?error=INVALID_TOKEN");
    }

    @Test
    void change_email_refusals() throws Exception {
        String email = AuthTestSupport.Emails.next();
        String taken = AuthTestSupport.Emails.next();
        signedUp(taken);
        Browser browser = signedUp(email);

        var same = browser.post("/api/auth/change-email", "{\"newEmail\":\"" + email.toUpperCase() + "\"}");
        var invalid = browser.post("/api/auth/change-email", "{\"newEmail\":\"nope\"}");
        var anonymous = browser().post("/api/auth/change-email", "{\"newEmail\":\"" + AuthTestSupport.Emails.next() + "\"}");
        var untrusted = browser.post("/api/auth/change-email",
                "{\"newEmail\":\"" + AuthTestSupport.Emails.next() + "\",\"callbackURL\":\"//evil.example\"}");
        var toTaken = browser.post("/api/auth/change-email", "{\"newEmail\":\"" + taken + "\"}");

        assertThat(same.status()).isEqualTo(400);
        assertThat(same.body()).isEqualTo("{\"message\":\"Email is the same\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(untrusted.status()).isEqualTo(403);
        assertThat(toTaken.status()).as("a taken address is not revealed").isEqualTo(200);
        assertThat(toTaken.body()).isEqualTo("{\"status\":true}");
        assertThat(jdbc.sql("select count(*) from \"user\" where email = ?").param(email).query(Long.class).single()).isEqualTo(1);
        browser.post("/api/auth/send-verification-email", "{\"email\":\"" + email + "\"}");
        TestMailServer.next(email); // mail leaves in order: anything for the taken address came first
        assertThat(TestMailServer.messagesTo(taken)).isEmpty();
    }

    /** A JWT exactly as Better Auth's signJWT makes it: jose's SignJWT with {"alg":"HS256"} and the secret's UTF-8 bytes. */
    static String betterAuthJwt(String claimsJson) throws Exception {
        return betterAuthJwt(claimsJson, AuthTestSupport.SECRET);
    }

    static String betterAuthJwt(String claimsJson, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static URI link(String text) {
        return URI.create(text.lines().filter(line -> line.startsWith("http")).findFirst().orElseThrow());
    }

    static String query(URI link, String name) {
        for (String pair : link.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + link);
    }

    static String part(String jwt, int index) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    String userId(String email) {
        return jdbc.sql("select id from \"user\" where email = ?").param(email).query(String.class).single();
    }

    boolean emailVerified(String email) {
        return jdbc.sql("select email_verified from \"user\" where email = ?").param(email).query(Boolean.class).single();
    }
}
