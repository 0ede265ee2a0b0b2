package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.web.auth.out.jwt.SecretBox;
import dev.trellis.adapter.web.auth.out.twofactor.Rfc6238TotpCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better Auth's twoFactor plugin over HTTP, against PostgreSQL, with emailed codes read from a real
 * SMTP server: enrolment, the sign-in that owes a second factor (TOTP, backup code, emailed OTP),
 * trusted devices, the account lock, and each refusal answered with Better Auth's error, nothing changed.
 */
@MailTestSupport
class TwoFactorTest {

    static final String PASSWORD = "password-123";
    static final String TWO_FACTOR_COOKIE = "better-auth.two_factor";
    static final String TRUST_COOKIE = "better-auth.trust_device";
    static final String SESSION_COOKIE = "better-auth.session_token";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final Rfc6238TotpCodes totp = new Rfc6238TotpCodes();

    record Enrolled(String email, String userId, String base32Secret, List<String> backupCodes) {
    }

    Browser browser() {
        return new Browser(port, AuthTestSupport.ORIGIN);
    }

    String code(Enrolled enrolled) {
        return totp.code("base32:" + enrolled.base32Secret(), Instant.now());
    }

    static String wrong(String code) {
        return String.valueOf((code.charAt(0) - '0' + 5) % 10) + code.substring(1);
    }

    Enrolled enrolled() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = browser();
        assertThat(browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(200);
        var enable = browser.post("/api/auth/two-factor/enable", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(enable.status()).as(enable.body()).isEqualTo(200);
        String uri = enable.json().get("totpURI").asString();
        String secret = query(uri).get("secret");
        List<String> codes = new ArrayList<>();
        enable.json().get("backupCodes").forEach(code -> codes.add(code.asString()));
        String userId = userId(email);
        Enrolled enrolled = new Enrolled(email, userId, secret, codes);
        var verify = browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        return enrolled;
    }

    String userId(String email) {
        return jdbc.sql("select id from \"user\" where email = ?").param(email).query(String.class).single();
    }

    boolean enabled(String userId) {
        return jdbc.sql("select two_factor_enabled from \"user\" where id = ?").param(userId).query(Boolean.class).single();
    }

    int sessions(String userId) {
        return jdbc.sql("select count(*) from session where user_id = ?").param(userId).query(Integer.class).single();
    }

    Map<String, Object> row(String userId) {
        return jdbc.sql("select * from two_factor where user_id = ?").param(userId).query().singleRow();
    }

    static Map<String, String> query(String uri) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A browser that signed in with the password and owes the second factor. */
    Browser challenged(Enrolled enrolled) throws Exception {
        return challenged(enrolled, browser());
    }

    Browser challenged(Enrolled enrolled, Browser browser) throws Exception {
        var signIn = browser.post("/api/auth/sign-in/email",
                "{\"email\":\"" + enrolled.email() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().get("twoFactorRedirect").asBoolean()).isTrue();
        assertThat(browser.cookies()).containsKey(TWO_FACTOR_COOKIE).doesNotContainKey(SESSION_COOKIE);
        return browser;
    }

    static void assertError(Browser.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    @Test
    void enabling_needs_the_password_and_a_first_code_before_two_factor_is_on() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = browser();
        browser.post("/api/auth/sign-up/email", "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        String userId = userId(email);

        assertError(browser.post("/api/auth/two-factor/enable", "{\"password\":\"wrong-password\"}"), 400, "INVALID_PASSWORD");
        assertThat(jdbc.sql("select count(*) from two_factor where user_id = ?").param(userId).query(Integer.class).single()).isZero();

        var enable = browser.post("/api/auth/two-factor/enable", "{\"password\":\"" + PASSWORD + "\",\"issuer\":\"Acme\"}");
        assertThat(enable.status()).as(enable.body()).isEqualTo(200);
        String uri = enable.json().get("totpURI").asString();
        assertThat(uri).startsWith("otpauth://totp/Acme:" + email.replace("@", "%40") + "?secret=")
                .endsWith("&issuer=Acme&digits=6&period=30");
        assertThat(enable.json().get("backupCodes").size()).isEqualTo(10);
        assertThat(enable.json().get("backupCodes").get(0).asString()).matches("[A-Za-z0-9]{5}-[A-Za-z0-9]{5}");
        Map<String, Object> row = row(userId);
        assertThat(row.get("verified")).isEqualTo(false);
        assertThat(enabled(userId)).isFalse();
        SecretBox box = new SecretBox(AuthTestSupport.SECRET);
        String secret = box.open((String) row.get("secret"));
        assertThat(secret).hasSize(32);
        assertThat(box.open((String) row.get("backup_codes"))).startsWith("[\"").contains(enable.json().get("backupCodes").get(0).asString());
        Enrolled enrolled = new Enrolled(email, userId, query(uri).get("secret"), List.of());
        assertThat(totp.code(secret, Instant.now())).isEqualTo(code(enrolled));

        String oldToken = browser.get("/api/auth/get-session").json().get("session").get("token").asString();
        assertError(browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + wrong(code(enrolled)) + "\"}"), 401, "INVALID_CODE");
        assertThat(enabled(userId)).isFalse();
        assertThat(row(userId).get("verified")).isEqualTo(false);

        var verify = browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.json().get("token").asString()).as("Better Auth answers the old session's token").isEqualTo(oldToken);
        assertThat(enabled(userId)).isTrue();
        assertThat(row(userId).get("verified")).isEqualTo(true);
        String newToken = browser.get("/api/auth/get-session").json().get("session").get("token").asString();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(sessions(userId)).isEqualTo(1);

        assertError(browser.post("/api/auth/two-factor/enable", "{\"password\":\"" + PASSWORD + "\"}"), 400, "TOTP_ALREADY_ENABLED");
        var uriAgain = browser.post("/api/auth/two-factor/get-totp-uri", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(uriAgain.json().get("totpURI").asString()).isEqualTo(uri.replace("Acme", "Trellis"));
    }

    @Test
    void the_user_shows_whether_two_factor_is_on() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = browser();
        var signUp = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signUp.json().get("user").get("twoFactorEnabled").isBoolean()).isTrue();
        assertThat(signUp.json().get("user").get("twoFactorEnabled").asBoolean()).isFalse();
        JsonNode before = browser.get("/api/auth/get-session").json().get("user");
        assertThat(before.get("twoFactorEnabled").isBoolean()).isTrue();
        assertThat(before.get("twoFactorEnabled").asBoolean()).isFalse();

        var enable = browser.post("/api/auth/two-factor/enable", "{\"password\":\"" + PASSWORD + "\"}");
        Enrolled enrolled = new Enrolled(email, userId(email), query(enable.json().get("totpURI").asString()).get("secret"),
                List.of());
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("twoFactorEnabled").asBoolean())
                .as("not before the first code").isFalse();
        var verify = browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.json().get("user").get("twoFactorEnabled").asBoolean())
                .as("Better Auth answers the user as the request found it").isFalse();
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("twoFactorEnabled").asBoolean()).isTrue();

        Browser other = challenged(enrolled);
        var signedIn = other.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().get("user").get("twoFactorEnabled").asBoolean()).isTrue();
        assertThat(other.get("/api/auth/get-session").json().get("user").get("twoFactorEnabled").asBoolean()).isTrue();
    }

    @Test
    void a_sign_in_with_two_factor_owes_a_totp_code_before_it_gets_a_session() throws Exception {
        Enrolled enrolled = enrolled();
        int sessionsBefore = sessions(enrolled.userId());
        Browser browser = browser();
        var signIn = browser.post("/api/auth/sign-in/email",
                "{\"email\":\"" + enrolled.email() + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(signIn.json().get("twoFactorRedirect").asBoolean()).isTrue();
        assertThat(signIn.json().get("twoFactorMethods").toString()).isEqualTo("[\"totp\",\"otp\"]");
        assertThat(signIn.setCookies()).anySatisfy(cookie -> assertThat(cookie).startsWith(TWO_FACTOR_COOKIE + "=")
                .contains("Max-Age=600").contains("HttpOnly"));
        assertThat(browser.cookies()).doesNotContainKey(SESSION_COOKIE);
        assertThat(sessions(enrolled.userId())).isEqualTo(sessionsBefore);
        assertThat(browser.get("/api/auth/get-session").body()).isEqualTo("null");
        String challenge = browser.cookies().get(TWO_FACTOR_COOKIE);

        assertError(browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + wrong(code(enrolled)) + "\"}"), 401, "INVALID_CODE");
        assertThat(sessions(enrolled.userId())).isEqualTo(sessionsBefore);
        assertThat(row(enrolled.userId()).get("failed_verification_count")).isEqualTo(1);

        var verify = browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.json().get("user").get("email").asString()).isEqualTo(enrolled.email());
        assertThat(browser.cookies()).containsKey(SESSION_COOKIE).doesNotContainKey(TWO_FACTOR_COOKIE);
        JsonNode session = browser.get("/api/auth/get-session").json();
        assertThat(session.get("session").get("token").asString()).isEqualTo(verify.json().get("token").asString());
        assertThat(row(enrolled.userId()).get("failed_verification_count")).isEqualTo(0);

        Browser replay = browser();
        replay.cookie(TWO_FACTOR_COOKIE, challenge);
        assertError(replay.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}"), 401,
                "INVALID_TWO_FACTOR_COOKIE");
        assertError(browser().post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}"), 401,
                "INVALID_TWO_FACTOR_COOKIE");
    }

    @Test
    void a_backup_code_works_once() throws Exception {
        Enrolled enrolled = enrolled();
        String backupCode = enrolled.backupCodes().get(3);

        Browser first = challenged(enrolled);
        assertError(first.post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"abcde-fghij\"}"), 401, "INVALID_BACKUP_CODE");
        var verify = first.post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"" + backupCode + "\"}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(first.cookies()).containsKey(SESSION_COOKIE);
        String left = new SecretBox(AuthTestSupport.SECRET).open((String) row(enrolled.userId()).get("backup_codes"));
        assertThat(left).doesNotContain(backupCode).contains(enrolled.backupCodes().get(4));

        Browser second = challenged(enrolled);
        String sealedBefore = (String) row(enrolled.userId()).get("backup_codes");
        assertError(second.post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"" + backupCode + "\"}"), 401,
                "INVALID_BACKUP_CODE");
        assertThat(row(enrolled.userId()).get("backup_codes")).isEqualTo(sealedBefore);
        assertThat(second.cookies()).doesNotContainKey(SESSION_COOKIE);
    }

    @Test
    void new_backup_codes_replace_the_old_ones() throws Exception {
        Enrolled enrolled = enrolled();
        Browser browser = challenged(enrolled);
        browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");

        assertError(browser.post("/api/auth/two-factor/generate-backup-codes", "{\"password\":\"nope-nope-nope\"}"), 400,
                "INVALID_PASSWORD");
        var generated = browser.post("/api/auth/two-factor/generate-backup-codes", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        assertThat(generated.json().get("status").asBoolean()).isTrue();
        String fresh = generated.json().get("backupCodes").get(0).asString();

        assertError(challenged(enrolled).post("/api/auth/two-factor/verify-backup-code",
                "{\"code\":\"" + enrolled.backupCodes().get(0) + "\"}"), 401, "INVALID_BACKUP_CODE");
        assertThat(challenged(enrolled).post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"" + fresh + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void an_emailed_code_finishes_the_sign_in_and_an_expired_one_does_not() throws Exception {
        Enrolled enrolled = enrolled();
        Browser browser = challenged(enrolled);

        var send = browser.post("/api/auth/two-factor/send-otp", "{}");
        assertThat(send.status()).as(send.body()).isEqualTo(200);
        String code = TestMailServer.nextCode(enrolled.email());
        assertError(browser.post("/api/auth/two-factor/verify-otp", "{\"code\":\"" + wrong(code) + "\"}"), 401, "INVALID_CODE");
        assertThat(browser.cookies()).doesNotContainKey(SESSION_COOKIE);
        var verify = browser.post("/api/auth/two-factor/verify-otp", "{\"code\":\"" + code + "\"}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(browser.cookies()).containsKey(SESSION_COOKIE);

        Browser late = challenged(enrolled);
        late.post("/api/auth/two-factor/send-otp", "{}");
        String lateCode = TestMailServer.nextCode(enrolled.email());
        jdbc.sql("update verification set expires_at = now() - interval '1 second' where identifier like '2fa-otp-%' and value like ?")
                .param(lateCode + ":%").update();
        assertError(late.post("/api/auth/two-factor/verify-otp", "{\"code\":\"" + lateCode + "\"}"), 400, "OTP_HAS_EXPIRED");
        assertThat(late.cookies()).doesNotContainKey(SESSION_COOKIE);
    }

    @Test
    void a_trusted_device_skips_the_second_factor_next_time() throws Exception {
        Enrolled enrolled = enrolled();
        Browser browser = challenged(enrolled);
        var verify = browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\",\"trustDevice\":true}");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.setCookies()).anySatisfy(cookie -> assertThat(cookie).startsWith(TRUST_COOKIE + "=")
                .contains("Max-Age=2592000"));
        String trust = browser.cookies().get(TRUST_COOKIE);

        browser.post("/api/auth/sign-out", "{}");
        var signIn = browser.post("/api/auth/sign-in/email",
                "{\"email\":\"" + enrolled.email() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().has("twoFactorRedirect")).isFalse();
        assertThat(signIn.json().get("token").asString()).isNotBlank();
        assertThat(browser.cookies()).containsKey(SESSION_COOKIE);
        assertThat(browser.cookies().get(TRUST_COOKIE)).as("renewed").isNotEqualTo(trust);

        Browser stranger = browser();
        stranger.cookie(TRUST_COOKIE, trust); // the old, replaced trust
        challenged(enrolled, stranger);
    }

    @Test
    void ten_failures_in_a_row_lock_the_account() throws Exception {
        Enrolled enrolled = enrolled();
        Browser first = challenged(enrolled);
        String bad = wrong(code(enrolled));
        for (int i = 0; i < 5; i++) {
            assertError(first.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + bad + "\"}"), 401, "INVALID_CODE");
        }
        assertError(first.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}"), 400,
                "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
        assertThat(first.cookies()).doesNotContainKey(TWO_FACTOR_COOKIE).doesNotContainKey(SESSION_COOKIE);

        Browser second = challenged(enrolled);
        for (int i = 0; i < 5; i++) {
            assertError(second.post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"wrong-codes\"}"), 401, "INVALID_BACKUP_CODE");
        }
        Map<String, Object> row = row(enrolled.userId());
        assertThat(row.get("failed_verification_count")).isEqualTo(10);
        assertThat(row.get("locked_until")).isNotNull();

        Browser third = challenged(enrolled);
        assertError(third.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}"), 429,
                "ACCOUNT_TEMPORARILY_LOCKED");
        assertThat(third.cookies()).doesNotContainKey(SESSION_COOKIE);

        jdbc.sql("update two_factor set locked_until = now() - interval '1 second' where user_id = ?").param(enrolled.userId()).update();
        assertThat(third.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}").status()).isEqualTo(200);
        assertThat(row(enrolled.userId()).get("failed_verification_count")).isEqualTo(0);
    }

    @Test
    void disabling_needs_the_password_and_then_sign_in_gives_a_session_again() throws Exception {
        Enrolled enrolled = enrolled();
        Browser browser = challenged(enrolled);
        browser.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + code(enrolled) + "\"}");

        assertError(browser.post("/api/auth/two-factor/disable", "{\"password\":\"wrong-password\"}"), 400, "INVALID_PASSWORD");
        assertThat(enabled(enrolled.userId())).isTrue();
        var disable = browser.post("/api/auth/two-factor/disable", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(disable.status()).as(disable.body()).isEqualTo(200);
        assertThat(disable.json().get("status").asBoolean()).isTrue();
        assertThat(enabled(enrolled.userId())).isFalse();
        assertThat(jdbc.sql("select count(*) from two_factor where user_id = ?").param(enrolled.userId()).query(Integer.class).single())
                .isZero();
        assertThat(browser.get("/api/auth/get-session").json().get("user").get("email").asString()).isEqualTo(enrolled.email());

        var signIn = browser().post("/api/auth/sign-in/email",
                "{\"email\":\"" + enrolled.email() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(signIn.json().get("token").asString()).isNotBlank();
    }
}
