package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trellis.auth.jwt.enabled=false} ({@code TRELLIS_AUTH_JWT_ENABLED}): no key set, no tokens, no {@code set-auth-jwt} header. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false", "trellis.auth.jwt.enabled=false"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class JwtSwitchedOffTest {

    @LocalServerPort
    int port;

    @Test
    void the_routes_are_gone_and_get_session_carries_no_jwt() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var signUp = browser.post("/api/auth/sign-up/email", "{\"name\":\"Ada\",\"email\":\""
                + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(200);

        assertThat(browser.get("/api/auth/jwks").status()).isEqualTo(404);
        assertThat(browser.get("/api/auth/token").status()).isEqualTo(404);
        var session = browser.get("/api/auth/get-session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.header("set-auth-jwt")).isNull();
    }
}
