package dev.trellis.adapter.web.auth.out.token;

import dev.trellis.application.auth.email.EmailVerificationTokens.Claims;
import dev.trellis.application.auth.email.EmailVerificationTokens.Expired;
import dev.trellis.application.auth.email.EmailVerificationTokens.Invalid;
import dev.trellis.application.auth.email.EmailVerificationTokens.Valid;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The email verification JWT against tokens that better-auth 1.7.25 itself made. */
class EmailVerificationJwtTest {

    static final String SECRET = "test-secret-0123456789abcdef0123456789abcdef";
    static final long ISSUED_AT = 1796021580L;

    /** better-auth 1.7.25: {@code createEmailVerificationToken(SECRET, "Ada@Example.com", undefined, 3600, {userId: "usr_abcdefghijkl"})}. */
    static final String VERIFY = "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFkYUBleGFtcGxlLmNvbSIsInVzZXJJZCI6InVzcl9hYmNkZWZnaGlqa2wiLCJpYXQiOjE3OTYwMjE1ODAsImV4cCI6MTc5NjAyNTE4MH0.hweUOD8ojMVNlyvywHagaE9qxvaB6DbWq2zoN1d2gAw";
    /** better-auth 1.7.25: the same with {@code updateTo "New@Example.com"} and {@code requestType: "change-email-verification"}. */
    static final String CHANGE = "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFkYUBleGFtcGxlLmNvbSIsInVwZGF0ZVRvIjoibmV3QGV4YW1wbGUuY29tIiwicmVxdWVzdFR5cGUiOiJjaGFuZ2UtZW1haWwtdmVyaWZpY2F0aW9uIiwidXNlcklkIjoidXNyX2FiY2RlZmdoaWprbCIsImlhdCI6MTc5NjAyMTU4MCwiZXhwIjoxNzk2MDI1MTgwfQ.unbtPROTuAnfUcoHt3NUJIyjl_jibCMw8kD_GpPJVQk";

    static EmailVerificationJwt at(long epochSecond, long extraMillis) {
        return new EmailVerificationJwt(SECRET,
                Clock.fixed(Instant.ofEpochSecond(epochSecond).plusMillis(extraMillis), ZoneOffset.UTC));
    }

    @Test
    void issues_byte_for_byte_the_token_better_auth_issues() {
        EmailVerificationJwt jwt = at(ISSUED_AT, 734);

        assertThat(jwt.issue(new Claims("ada@example.com", null, null, "usr_abcdefghijkl"), Duration.ofHours(1)))
                .isEqualTo(VERIFY);
        assertThat(jwt.issue(new Claims("ada@example.com", "new@example.com", "change-email-verification", "usr_abcdefghijkl"),
                Duration.ofHours(1))).isEqualTo(CHANGE);
    }

    @Test
    void reads_better_auths_tokens_until_they_expire() {
        assertThat(at(ISSUED_AT + 10, 0).read(VERIFY))
                .isEqualTo(new Valid(new Claims("ada@example.com", null, null, "usr_abcdefghijkl")));
        assertThat(at(ISSUED_AT + 3599, 999).read(CHANGE))
                .isEqualTo(new Valid(new Claims("ada@example.com", "new@example.com", "change-email-verification", "usr_abcdefghijkl")));
        assertThat(at(ISSUED_AT + 3600, 0).read(VERIFY)).as("jose: exp <= now is expired").isInstanceOf(Expired.class);
    }

    @Test
    void refuses_forged_tampered_and_malformed_tokens() throws Exception {
        EmailVerificationJwt jwt = at(ISSUED_AT + 10, 0);
        String[] parts = VERIFY.split("\\.");
        String otherEmail = b64("{\"email\":\"eve@example.com\",\"userId\":\"usr_abcdefghijkl\",\"iat\":1796021580,\"exp\":1796025180}");

        assertThat(new EmailVerificationJwt("another-secret-0123456789abcdef0123456", jwt(0)).read(VERIFY)).isInstanceOf(Invalid.class);
        assertThat(jwt.read(parts[0] + "." + otherEmail + "." + parts[2])).isInstanceOf(Invalid.class);
        assertThat(jwt.read(VERIFY.substring(0, VERIFY.length() - 1))).isInstanceOf(Invalid.class);
        assertThat(jwt.read(parts[0] + "." + parts[1])).isInstanceOf(Invalid.class);
        assertThat(jwt.read("garbage")).isInstanceOf(Invalid.class);
        assertThat(jwt.read("")).isInstanceOf(Invalid.class);
        assertThat(jwt.read(null)).isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"none\"}", "{\"email\":\"a@example.com\",\"exp\":1796025180}"))).isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}", "{\"email\":\"a@example.com\",\"exp\":1796025180}")))
                .isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\"}", "{\"email\":\"a@example.com\"}"))).as("no exp").isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\"}", "{\"email\":\"a@example.com\",\"exp\":\"1796025180\"}"))).isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\"}", "{\"email\":\"a@example.com\",\"exp\":1796025180,\"nbf\":1796025000}")))
                .as("not yet valid").isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\"}", "{\"email\":42,\"exp\":1796025180}"))).isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\"}", "{\"email\":\"a@example.com\",\"userId\":null,\"exp\":1796025180}")))
                .isInstanceOf(Invalid.class);
        assertThat(jwt.read(signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"email\":\"a@example.com\",\"exp\":1796025180}")))
                .as("other header fields are fine").isEqualTo(new Valid(new Claims("a@example.com", null, null, null)));
    }

    static Clock jwt(long millis) {
        return Clock.fixed(Instant.ofEpochSecond(ISSUED_AT).plusMillis(millis), ZoneOffset.UTC);
    }

    static String signed(String header, String payload) throws Exception {
        String input = b64(header) + "." + b64(payload);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
