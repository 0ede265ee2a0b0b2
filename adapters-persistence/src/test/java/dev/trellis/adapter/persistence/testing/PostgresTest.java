package dev.trellis.adapter.persistence.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A Spring test of the persistence adapters against the embedded test PostgreSQL. A test that
 * sets {@code spring.datasource.url} itself (e.g. from a Testcontainers container through
 * {@code @DynamicPropertySource}) overrides it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(classes = PersistenceTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
public @interface PostgresTest {

    final class EmbeddedDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (context.getEnvironment().containsProperty("spring.datasource.url")) {
                return;
            }
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("embedded-test-postgres", Map.of(
                    "spring.datasource.url", TestPostgres.jdbcUrl(),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "")));
        }
    }
}
