package dev.trellis.application.testing;

import dev.trellis.application.contract.FileStorageContract;
import dev.trellis.application.file.FileStorage;

/** The storage contract against the in-memory fake; adapters-persistence runs it against the local disk. */
class InMemoryFileStorageTest extends FileStorageContract {

    @Override
    protected FileStorage emptyStorage() {
        return new InMemoryFileStorage();
    }
}
