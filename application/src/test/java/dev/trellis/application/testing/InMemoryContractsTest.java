package dev.trellis.application.testing;

import dev.trellis.application.contract.EventOutboxContract;
import dev.trellis.application.contract.FileRepositoryContract;
import dev.trellis.application.contract.ItemRepositoryContract;
import dev.trellis.application.contract.Ports;
import dev.trellis.application.contract.TagRepositoryContract;
import dev.trellis.application.contract.UserRepositoryContract;
import org.junit.jupiter.api.Nested;

/** The port contracts against the in-memory fakes; adapters-persistence runs the same against PostgreSQL. */
class InMemoryContractsTest {

    static Ports fresh() {
        InMemoryStore store = new InMemoryStore();
        return new Ports(store.userRepository, store.itemRepository, store.tagRepository, store.fileRepository, store.eventOutbox);
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
}
