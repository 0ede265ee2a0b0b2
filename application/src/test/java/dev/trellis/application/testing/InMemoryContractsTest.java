package dev.trellis.application.testing;

import dev.trellis.application.contract.AccountRepositoryContract;
import dev.trellis.application.contract.AuthPorts;
import dev.trellis.application.contract.CurrentStateContract;
import dev.trellis.application.contract.EventOutboxContract;
import dev.trellis.application.contract.FileRepositoryContract;
import dev.trellis.application.contract.ItemRepositoryContract;
import dev.trellis.application.contract.Ports;
import dev.trellis.application.contract.RateLimitCountersContract;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.contract.SessionRepositoryContract;
import dev.trellis.application.contract.TagRepositoryContract;
import dev.trellis.application.contract.UserRepositoryContract;
import dev.trellis.application.contract.VerificationRepositoryContract;
import org.junit.jupiter.api.Nested;

/** The port contracts against the in-memory fakes; adapters-persistence runs the same against PostgreSQL. */
class InMemoryContractsTest {

    static Ports fresh() {
        InMemoryStore store = new InMemoryStore();
        return new Ports(store.userRepository, store.itemRepository, store.tagRepository, store.fileRepository, store.eventOutbox,
                store.currentState);
    }

    static AuthPorts freshAuth() {
        InMemoryStore store = new InMemoryStore();
        return new AuthPorts(store.sessionRepository, store.accountRepository, store.verificationRepository, store.userRepository);
    }

    @Nested
    class Users extends UserRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return fresh();
        }
    }

    @Nested
    class Items extends ItemRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return fresh();
        }
    }

    @Nested
    class Tags extends TagRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return fresh();
        }
    }

    @Nested
    class Files extends FileRepositoryContract {
        @Override
        protected Ports emptyStore() {
            return fresh();
        }
    }

    @Nested
    class Outbox extends EventOutboxContract {
        @Override
        protected Ports emptyStore() {
            return fresh();
        }
    }

    @Nested
    class Snapshots extends CurrentStateContract {
        @Override
        protected Ports emptyStore() {
            return fresh();
        }
    }

    @Nested
    class Sessions extends SessionRepositoryContract {
        @Override
        protected AuthPorts emptyAuthStore() {
            return freshAuth();
        }
    }

    @Nested
    class Accounts extends AccountRepositoryContract {
        @Override
        protected AuthPorts emptyAuthStore() {
            return freshAuth();
        }
    }

    @Nested
    class Verifications extends VerificationRepositoryContract {
        @Override
        protected AuthPorts emptyAuthStore() {
            return freshAuth();
        }
    }

    @Nested
    class RateLimits extends RateLimitCountersContract {
        @Override
        protected RateLimitCounters emptyCounters() {
            return new InMemoryRateLimitCounters();
        }
    }
}
