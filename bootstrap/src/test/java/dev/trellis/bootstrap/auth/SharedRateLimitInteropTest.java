package dev.trellis.bootstrap.auth;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trellis and a real Better Auth server (better-auth 1.7 on Node.js, {@code rateLimit.storage: "database"}) on one
 * database count one client's sign-ins into one budget: three in all, whichever server takes them, and both
 * answer the fourth 429. Better Auth takes the client's address from {@code X-Forwarded-For}; Trellis from the
 * socket (127.0.0.1): the same client to both. Needs Node.js 20+ and npm, as {@link BetterAuthInteropTest}.
 */
@EnabledIf(value = "dev.trellis.bootstrap.auth.BetterAuthNode#nodeOnPath",
        disabledReason = "Node.js (`node`) is not on the PATH: the Better Auth interoperability test needs Node.js 20+ and npm")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.storage=database"})
class SharedRateLimitInteropTest {

    static final String DATABASE = "rate_limit_interop";

    private static BetterAuthNode.Server betterAuth;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void installBetterAuth() {
        BetterAuthNode.prepared(); // skips the class without Node.js; fails it if npm cannot install
    }

    @AfterAll
    static void stopBetterAuth() {
        if (betterAuth != null) {
            betterAuth.close();
        }
    }

    /** Started after Trellis's context, so that Flyway has made the tables. */
    BetterAuthNode.Server betterAuth() {
        if (betterAuth == null) {
            betterAuth = BetterAuthNode.prepared().start("server.mjs", Map.of(
                    "DATABASE_URL", "postgres://postgres@localhost:" + TestPostgres.server().getPort() + "/" + DATABASE,
                    "BETTER_AUTH_SECRET", AuthTestSupport.SECRET,
                    "TRUSTED_ORIGINS", AuthTestSupport.ORIGIN,
                    "RATE_LIMIT_STORAGE", "database",
                    "MAX_LIFETIME_SECONDS", "300"), Duration.ofSeconds(60));
        }
        return betterAuth;
    }

    @Test
    void a_client_has_one_sign_in_budget_across_trellis_and_better_auth() throws Exception {
        Browser trellis = new Browser(port, AuthTestSupport.ORIGIN);
        Browser better = new Browser(betterAuth().port(), AuthTestSupport.ORIGIN);
        String body = "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}";
        String[] sameClient = {"X-Forwarded-For", "127.0.0.1"};

        assertThat(trellis.post("/api/auth/sign-in/email", body).status()).isEqualTo(401);
        var second = better.post("/api/auth/sign-in/email", body, sameClient);
        assertThat(second.status()).as(second.body() + "\n" + betterAuth.output()).isEqualTo(401);
        assertThat(trellis.post("/api/auth/sign-in/email", body).status()).isEqualTo(401);
        assertThat(jdbc.sql("select key || ' ' || count from rate_limit").query(String.class).list())
                .containsExactly("127.0.0.1|/sign-in/email 3");

        var fromBetterAuth = better.post("/api/auth/sign-in/email", body, sameClient);
        var fromTrellis = trellis.post("/api/auth/sign-in/email", body);

        assertThat(fromBetterAuth.status()).as(fromBetterAuth.body()).isEqualTo(429);
        assertThat(Integer.parseInt(fromBetterAuth.header("x-retry-after"))).isBetween(1, 10);
        assertThat(fromTrellis.status()).isEqualTo(429);
        assertThat(Integer.parseInt(fromTrellis.header("x-retry-after"))).isBetween(1, 10);
        assertThat(better.post("/api/auth/sign-in/email", body, "X-Forwarded-For", "198.51.100.9").status())
                .as("another client has its own budget").isEqualTo(401);
    }
}
