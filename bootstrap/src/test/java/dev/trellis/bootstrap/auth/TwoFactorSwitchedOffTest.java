package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trellis.auth.two-factor.enabled=false} ({@code TRELLIS_AUTH_TWO_FACTOR_ENABLED}): no routes, and sign-in asks for no second factor. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false", "trellis.auth.two-factor.enabled=false"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class TwoFactorSwitchedOffTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_routes_are_gone_and_a_password_sign_in_opens_a_session() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var signUp = browser.post("/api/auth/sign-up/email", "{\"name\":\"Ada\",\"email\":\"" + email
                + "\",\"password\":\"password-123\"}");
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(200);
        assertThat(browser.post("/api/auth/two-factor/enable", "{\"password\":\"password-123\"}").status()).isEqualTo(404);

        jdbc.sql("update \"user\" set two_factor_enabled = true where email = ?").param(email).update();
        var signIn = new Browser(port, AuthTestSupport.ORIGIN).post("/api/auth/sign-in/email",
                "{\"email\":\"" + email + "\",\"password\":\"password-123\"}");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.json().get("token").asString()).isNotBlank();
    }

    @Test
    void the_user_has_no_two_factor_field() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var signUp = browser.post("/api/auth/sign-up/email", "{\"name\":\"Ada\",\"email\":\"" + email
                + "\",\"password\":\"password-123\"}");
        assertThat(signUp.json().get("user").has("emailVerified")).isTrue();
        assertThat(signUp.json().get("user").has("twoFactorEnabled")).isFalse();

        jdbc.sql("update \"user\" set two_factor_enabled = true where email = ?").param(email).update();
        JsonNode user = browser.get("/api/auth/get-session").json().get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.has("twoFactorEnabled")).as("Better Auth without the plugin knows no such field").isFalse();
    }
}
