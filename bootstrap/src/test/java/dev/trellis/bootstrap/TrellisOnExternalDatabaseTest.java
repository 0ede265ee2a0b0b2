package dev.trellis.bootstrap;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.UserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The application on a database it was given (spring.datasource.url): migrated, healthy, seeded on demand. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"trellis.demo-data=true", "BETTER_AUTH_SECRET=test-secret-0123456789abcdef0123456789abcdef"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class TrellisOnExternalDatabaseTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserRepository users;

    @Test
    void health_reports_the_database_up() throws Exception {
        var response = Http.get(port, "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"db\":{").contains("PostgreSQL");
    }

    @Test
    void migrations_ran_and_demo_data_is_there_once() {
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
        assertThat(users.findByEmail(new EmailAddress("demo@example.com"))).hasValueSatisfying(user -> {
            assertThat(user.name()).isEqualTo("Demo User");
            assertThat(user.emailVerified()).isTrue();
        });
        assertThat(jdbc.sql("select count(*) from items where user_id = 'usr_demo00000001'").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void unknown_paths_are_4xx_not_500() throws Exception {
        assertThat(Http.get(port, "/api/nothing-here").statusCode()).isEqualTo(401); // /api needs a session first
        assertThat(Http.get(port, "/nothing-here").statusCode()).isEqualTo(404);
    }
}
