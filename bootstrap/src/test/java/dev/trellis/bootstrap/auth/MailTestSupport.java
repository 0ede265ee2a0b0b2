package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link AuthTestSupport}'s application, sending its mail through a real SMTP server in the test JVM
 * ({@link TestMailServer}: {@code spring.mail.host=localhost} and its port).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "BETTER_AUTH_TRUSTED_ORIGINS=http://app.test:5173",
        "trellis.auth.rate-limit.enabled=false",
        "trellis.mail.from=Trellis Test <no-reply@trellis.test>"})
@ContextConfiguration(initializers = {PostgresTest.EmbeddedDatabase.class, TestMailServer.Properties.class})
@interface MailTestSupport {
}
