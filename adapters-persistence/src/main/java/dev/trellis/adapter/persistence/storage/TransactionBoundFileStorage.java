package dev.trellis.adapter.persistence.storage;

import dev.trellis.application.file.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes any {@link FileStorage} follow the Spring-managed transaction it is called in, as the port
 * promises: bytes put are deleted again when the transaction rolls back (a failed insert, a failed
 * event, a refusal at commit by a deferred trigger), and a delete waits until the transaction has
 * committed, so a rolled-back delete keeps its bytes. Outside a transaction, calls go straight through.
 *
 * <p>When the outcome of a commit is unknown (the connection broke during it), the bytes stay: an
 * unreferenced file costs disk space, a row without its bytes would be a broken file.
 */
public class TransactionBoundFileStorage implements FileStorage {

    private static final Logger log = LoggerFactory.getLogger(TransactionBoundFileStorage.class);

    private final FileStorage storage;

    public TransactionBoundFileStorage(FileStorage storage) {
        this.storage = storage;
    }

    @Override
    public long put(String key, InputStream content) {
        long size = storage.put(key, content);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        deleteAfterTransaction(key, "its transaction rolled back");
                    } else if (status == STATUS_UNKNOWN) {
                        log.warn("The transaction that stored {} ended with an unknown outcome; its bytes are kept", key);
                    }
                }
            });
        }
        return size;
    }

    @Override
    public Optional<Content> open(String key) {
        return storage.open(key);
    }

    @Override
    public void delete(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            storage.delete(key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    deleteAfterTransaction(key, "its row's delete committed");
                }
            }
        });
    }

    @Override
    public Stream<StoredObject> list() {
        return storage.list();
    }

    @Override
    public int removeUnfinished(Instant before) {
        return storage.removeUnfinished(before);
    }

    @Override
    public Optional<URI> link(String key, ServedAs servedAs) {
        return storage.link(key, servedAs);
    }

    /** After completion nothing can roll back any more: a failure is logged (the bytes are left over), not thrown. */
    private void deleteAfterTransaction(String key, String reason) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not delete the bytes of {} after {}; they are left over", key, reason, e);
        }
    }
}
