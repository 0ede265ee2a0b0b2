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
import dev.trellis.application.contract.RateLimitCountersContract;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.adapter.persistence.ratelimit.MemoryRateLimitCounters;
import dev.trellis.adapter.persistence.ratelimit.PostgresRateLimitCounters;
import dev.trellis.application.contract.SessionRepositoryContract;
import dev.trellis.application.contract.TagRepositoryContract;
import dev.trellis.application.contract.UserRepositoryContract;
import dev.trellis.application.contract.VerificationRepositoryContract;
import org.junit.jupiter.api.Nested;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The port contracts that the in-memory fakes pass, against the PostgreSQL adapters. */
@PostgresTest
class PostgresContractsTest {

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

    @Nested
    class RateLimits extends RateLimitCountersContract {
        @Override
        protected RateLimitCounters emptyCounters() {
            Tables.truncateAll(jdbc);
            return new PostgresRateLimitCounters(jdbc);
        }
    }

    /** The production in-memory store passes the same contract. */
    @Nested
    class RateLimitsInMemory extends RateLimitCountersContract {
        @Override
        protected RateLimitCounters emptyCounters() {
            return new MemoryRateLimitCounters();
        }
    }
}
