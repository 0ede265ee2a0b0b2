package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

/** The whole application on the test PostgreSQL, as a Better Auth server at http://localhost:3000 would be configured. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "BETTER_AUTH_TRUSTED_ORIGINS=http://app.test:5173",
        "trellis.auth.rate-limit.enabled=false",
        "trellis.demo-data=true"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
public @interface AuthTestSupport {

    String SECRET = "test-secret-0123456789abcdef0123456789abcdef";
    String ORIGIN = "http://localhost:3000";

    final class Emails {
        private static final AtomicInteger SEQUENCE = new AtomicInteger();

        private Emails() {
        }

        public static String next() {
            return "user" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
        }
    }
}
