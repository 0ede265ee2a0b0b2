package dev.trellis.bootstrap.runtime.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The zero-install default: when no database is configured, a real PostgreSQL server runs from
 * the data folder ({@code TRELLIS_DATA_DIR}, default {@code ~/.trellis}) and the pool connects to it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseServer embeddedDatabaseServer(@Value("${trellis.data-dir}") Path dataDir,
                                                  @Value("${trellis.embedded-database.port}") int port) {
        return EmbeddedDatabaseServer.start(dataDir.resolve("postgres"), port);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabaseServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(EmbeddedDatabaseServer.USER);
        config.setPoolName("trellis-embedded");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
