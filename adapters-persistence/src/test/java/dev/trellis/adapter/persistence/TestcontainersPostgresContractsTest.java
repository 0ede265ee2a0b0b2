package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import dev.trellis.application.contract.AccountRepositoryContract;
import dev.trellis.application.contract.AuthPorts;
import dev.trellis.application.contract.CurrentStateContract;
import dev.trellis.application.contract.EventOutboxContract;
import dev.trellis.application.contract.FileRepositoryContract;
import dev.trellis.application.contract.ItemRepositoryContract;
import dev.trellis.application.contract.Ports;
import dev.trellis.application.contract.SessionRepositoryContract;
import dev.trellis.application.contract.TagRepositoryContract;
import dev.trellis.application.contract.UserRepositoryContract;
import dev.trellis.application.contract.VerificationRepositoryContract;
import org.junit.jupiter.api.Nested;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The port contracts against a stock PostgreSQL 16 in Docker (Testcontainers),
 * beside the embedded PostgreSQL 18 of {@link PostgresContractsTest}. Skipped where there is no Docker.
 */
@PostgresTest
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPostgresContractsTest {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
    }

    @Autowired
    Ports ports;
    @Autowired
    AuthPorts authPorts;
    @Autowired
    JdbcClient jdbc;

    Ports emptied() {
        Tables.truncateAll(jdbc);
        return ports;
    }

    AuthPorts emptiedAuth() {
        Tables.truncateAll(jdbc);
        return authPorts;
    }

    @Nested
    class Users extends UserRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return emptied();
        }
    }

    @Nested
    class Items extends ItemRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return emptied();
        }
    }

    @Nested
    class Tags extends TagRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return emptied();
        }
    }

    @Nested
    class Files extends FileRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return emptied();
        }
    }

    @Nested
    class Outbox extends EventOutboxContract {
        @Override
        protected Ports emptyStore() {
            return emptied();
        }
    }

    @Nested
    class Snapshots extends CurrentStateContract {
        @Override
        protected Ports emptyStore() {
            return emptied();
        }
    }

    @Nested
    class Sessions extends SessionRepositoryContract {
        @Override
        protected AuthPorts emptyAuthStore() {
            return emptiedAuth();
        }
    }

    @Nested
    class Accounts extends AccountRepositoryContract {
        @Override
        protected AuthPorts emptyAuthStore() {
            return emptiedAuth();
        }
    }

    @Nested
    class Verifications extends VerificationRepositoryContract {
        @Override
        protected AuthPorts emptyAuthStore() {
            return emptiedAuth();
        }
    }
}
