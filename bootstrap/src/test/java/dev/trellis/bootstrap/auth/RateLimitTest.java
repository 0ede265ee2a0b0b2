package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.ratelimit.PostgresRateLimitCounters;
import dev.trellis.application.auth.ratelimit.CountRequest;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better Auth's default limits, on as they are outside tests: sign-in is 3 per 10 s per client and path, counted
 * in the database (the default store) under Better Auth's key; {@link RateLimitInMemoryTest} tries the memory store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class RateLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void noCountsYet() {
        jdbc.sql("delete from rate_limit").update();
    }

    @Test
    void the_counts_are_rows_of_better_auths_rate_limit_table_under_its_key() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        browser.post("/api/auth/sign-in/email", "{\"email\":\"a@example.com\",\"password\":\"wrong-password\"}");
        browser.post("/api/auth/sign-in/email/", "{\"email\":\"a@example.com\",\"password\":\"wrong-password\"}");

        assertThat(jdbc.sql("select key || ' ' || count from rate_limit").query(String.class).list())
                .containsExactly("127.0.0.1|/sign-in/email 2");
    }

    @Test
    void another_instance_counting_in_the_same_table_shares_the_budget() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        String body = "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}";
        CountRequest otherInstance = new CountRequest(new PostgresRateLimitCounters(jdbc), Clock.systemUTC());
        RateLimitRule signIn = new RateLimitRule(3, Duration.ofSeconds(10));

        assertThat(browser.post("/api/auth/sign-in/email", body).status()).isEqualTo(401);
        assertThat(otherInstance.handle("127.0.0.1", "/sign-in/email", signIn).allowed()).isTrue();
        assertThat(browser.post("/api/auth/sign-in/email", body).status()).isEqualTo(401);
        assertThat(browser.post("/api/auth/sign-in/email", body).status()).isEqualTo(429);
        assertThat(otherInstance.handle("127.0.0.1", "/sign-in/email", signIn).allowed()).isFalse();
    }

    @Test
    void the_fourth_sign_in_within_ten_seconds_is_429_with_retry_after() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        String body = "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}";

        for (int i = 0; i < 3; i++) {
            assertThat(browser.post("/api/auth/sign-in/email", body).status()).isEqualTo(401);
        }
        var limited = browser.post("/api/auth/sign-in/email", body);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("x-retry-after"))).isBetween(1, 10);
        assertThat(limited.json().get("message").asString()).isNotBlank();
        // another path has its own budget
        assertThat(browser.get("/api/auth/get-session").status()).isEqualTo(200);
    }

    @Test
    void every_two_factor_route_is_3_per_10_seconds_as_better_auths_plugin_sets_it() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        for (String path : new String[]{"/api/auth/two-factor/verify-totp", "/api/auth/two-factor/verify-backup-code"}) {
            for (int i = 0; i < 3; i++) {
                assertThat(browser.post(path, "{\"code\":\"123456\"}").status()).as(path).isEqualTo(401);
            }
            assertThat(browser.post(path, "{\"code\":\"123456\"}").status()).as(path).isEqualTo(429);
        }
    }

    @Test
    void a_forged_x_forwarded_for_does_not_buy_a_fresh_budget_when_proxies_are_not_trusted() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        String body = "{\"email\":\"nobody-else@example.com\",\"password\":\"wrong-password\"}";
        int limited = 0;
        for (int i = 0; i < 4; i++) {
            var response = browser.post("/api/auth/sign-up/email", body, "X-Forwarded-For", "203.0.113." + i);
            if (response.status() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("the socket address counts, not the header").isEqualTo(1);
    }
}
