package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code TRELLIS_AUTH_RATE_LIMIT_STORAGE=memory}: the same limits, counted in this JVM and nowhere else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.storage=memory"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class RateLimitInMemoryTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_fourth_sign_in_is_429_and_the_table_stays_untouched() throws Exception {
        jdbc.sql("delete from rate_limit").update();
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        String body = "{\"email\":\"nobody-in-memory@example.com\",\"password\":\"wrong-password\"}";

        for (int i = 0; i < 3; i++) {
            assertThat(browser.post("/api/auth/sign-in/email", body).status()).isEqualTo(401);
        }
        var limited = browser.post("/api/auth/sign-in/email", body);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("x-retry-after"))).isBetween(1, 10);
        assertThat(jdbc.sql("select count(*) from rate_limit").query(Integer.class).single()).isZero();
    }
}
