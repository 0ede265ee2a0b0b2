package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trellis.auth.passkey.enabled=false} ({@code TRELLIS_AUTH_PASSKEY_ENABLED}): no passkey routes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false", "trellis.auth.passkey.enabled=false"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class PasskeySwitchedOffTest {

    @LocalServerPort
    int port;

    @Test
    void the_routes_are_gone() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var signUp = browser.post("/api/auth/sign-up/email", "{\"name\":\"Ada\",\"email\":\""
                + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(200);

        assertThat(browser.get("/api/auth/passkey/generate-register-options").status()).isEqualTo(404);
        assertThat(browser.get("/api/auth/passkey/generate-authenticate-options").status()).isEqualTo(404);
        assertThat(browser.get("/api/auth/passkey/list-user-passkeys").status()).isEqualTo(404);
        assertThat(browser.post("/api/auth/passkey/verify-authentication", "{\"response\":{}}").status()).isEqualTo(404);
    }
}
