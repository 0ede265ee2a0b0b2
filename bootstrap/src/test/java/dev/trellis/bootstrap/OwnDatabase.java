package dev.trellis.bootstrap;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A Spring Boot test's own fresh database on the shared test server, for its {@code @DynamicPropertySource}. */
public final class OwnDatabase {

    private OwnDatabase() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        TestPostgres.freshDatabase(database);
        registry.add("spring.datasource.url", () -> TestPostgres.server().getJdbcUrl("postgres", database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
