package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.persistence.file.FileKeysAdapter;
import dev.trellis.adapter.persistence.file.FilesStored;
import dev.trellis.adapter.persistence.storage.TransactionBoundFileStorage;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.file.AttachFile;
import dev.trellis.application.file.DeleteFile;
import dev.trellis.application.file.DownloadFile;
import dev.trellis.application.file.FileKeys;
import dev.trellis.application.file.FileStorage;
import dev.trellis.application.file.ListFiles;
import dev.trellis.application.file.SweepFiles;
import dev.trellis.application.file.UploadFile;
import dev.trellis.application.file.ViewFile;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.ItemRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;

/**
 * Files: their bytes in the storage {@code trellis.files.storage} picks (a folder on local disk by default,
 * or an S3 bucket), bound to the use case's transaction; the use cases behind {@code /api/files}; and
 * the bookkeeping that removes deleted rows' bytes and leftovers of crashes on a schedule. A file's
 * bytes are served at {@code /api/files/<id>/content}.
 * The gauges of files stored read their totals at most once per {@code trellis.files.metrics-refresh}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FilesProperties.class)
public class FilesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FilesConfiguration.class);

    @Bean
    FileStorageBackend fileStorageBackend(FilesProperties files) {
        FileStorageBackend backend = FileStorageBackend.of(files);
        log.info("Files' bytes are kept in the {}", backend.describe(files));
        return backend;
    }

    @Bean
    FileStorage fileStorage(FileStorageBackend backend) {
        return new TransactionBoundFileStorage(backend.storage());
    }

    @Bean
    FileKeys fileKeys(JdbcClient jdbc) {
        return new FileKeysAdapter(jdbc);
    }

    @Bean
    SweepFiles sweepFiles(FileKeys keys, FileStorage storage, Clock clock, FilesProperties files) {
        return new SweepFiles(keys, storage, clock, files.sweep().grace());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "trellis.files.sweep.enabled", matchIfMissing = true)
    FileSweepSchedule fileSweepSchedule(SweepFiles sweep) {
        return new FileSweepSchedule(sweep);
    }

    @Bean
    FilesStoredMeters filesStoredMeters(JdbcClient jdbc, @Value("${trellis.files.metrics-refresh:60s}") Duration refresh,
                                        Clock clock) {
        return new FilesStoredMeters(new FilesStored(jdbc)::totals, refresh, clock);
    }

    @Bean
    UploadFile uploadFile(FileRepository files, ItemRepository items, FileStorage storage, EventOutbox outbox, Clock clock) {
        return new UploadFile(files, items, storage, outbox, clock, id -> "/api/files/" + id.value() + "/content");
    }

    @Bean
    ListFiles listFiles(FileRepository files) {
        return new ListFiles(files);
    }

    @Bean
    ViewFile viewFile(FileRepository files) {
        return new ViewFile(files);
    }

    @Bean
    DownloadFile downloadFile(FileRepository files, FileStorage storage) {
        return new DownloadFile(files, storage);
    }

    @Bean
    AttachFile attachFile(FileRepository files, ItemRepository items, EventOutbox outbox, Clock clock) {
        return new AttachFile(files, items, outbox, clock);
    }

    @Bean
    DeleteFile deleteFile(FileRepository files, FileStorage storage, EventOutbox outbox, Clock clock) {
        return new DeleteFile(files, storage, outbox, clock);
    }

    /**
     * Deleted rows' bytes go soon (a user deleted by Better Auth, a cascade, plain SQL); the full sweep,
     * a listing of the whole storage, runs seldom. Several instances may sweep at once: every removal is
     * idempotent, and bytes are only removed when no row points at them.
     */
    static final class FileSweepSchedule {
        private final SweepFiles sweep;

        FileSweepSchedule(SweepFiles sweep) {
            this.sweep = sweep;
        }

        @Scheduled(initialDelayString = "${trellis.files.sweep.deletion-interval}", fixedDelayString = "${trellis.files.sweep.deletion-interval}")
        void drainDeletions() {
            try {
                long drained = sweep.drainDeletions();
                if (drained > 0) {
                    log.debug("Removed the bytes of {} deleted files", drained);
                }
            } catch (RuntimeException e) {
                log.warn("Removing deleted files' bytes failed; the next run retries: {}", e.getMessage());
            }
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${trellis.files.sweep.interval}")
        void sweep() {
            try {
                SweepFiles.Swept swept = sweep.sweep();
                if (swept.deletionsDrained() + swept.unfinishedRemoved() + swept.objectsWithoutRowRemoved() > 0) {
                    log.info("File sweep: removed the bytes of {} deleted files, {} unfinished uploads, {} bytes without a row",
                            swept.deletionsDrained(), swept.unfinishedRemoved(), swept.objectsWithoutRowRemoved());
                }
                if (swept.after().rowsWithoutObject() > 0) {
                    log.warn("File sweep: {} file rows have no bytes in storage, e.g. {}", swept.after().rowsWithoutObject(),
                            swept.after().rowsWithoutObjectExamples());
                }
            } catch (RuntimeException e) {
                log.warn("The file sweep failed; the next run retries: {}", e.getMessage(), e);
            }
        }
    }
}
