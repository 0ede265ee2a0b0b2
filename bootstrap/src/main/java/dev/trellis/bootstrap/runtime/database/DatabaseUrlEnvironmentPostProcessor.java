package dev.trellis.bootstrap.runtime.database;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the database before anything connects: {@code DATABASE_URL} first (turned into
 * {@code spring.datasource.*}), else the usual {@code SPRING_DATASOURCE_*} / {@code spring.datasource.url},
 * else nothing — and then {@link EmbeddedDatabaseConfiguration} starts the embedded server.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String DATABASE_URL = "DATABASE_URL";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String raw = environment.getProperty(DATABASE_URL);
        if (raw == null || raw.isBlank()) {
            return;
        }
        DatabaseUrl url = DatabaseUrl.parse(raw);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url.jdbcUrl());
        if (url.username() != null) {
            properties.put("spring.datasource.username", url.username());
        }
        if (url.password() != null) {
            properties.put("spring.datasource.password", url.password());
        }
        // Above application.yml and SPRING_DATASOURCE_*: DATABASE_URL wins when both are set.
        environment.getPropertySources().addFirst(new MapPropertySource("DATABASE_URL", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
