package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.persistence.file.FilesStored;
import dev.trellis.adapter.persistence.storage.LocalFileStorage;
import dev.trellis.adapter.persistence.storage.TransactionBoundFileStorage;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.file.AttachFile;
import dev.trellis.application.file.DeleteFile;
import dev.trellis.application.file.DownloadFile;
import dev.trellis.application.file.FileStorage;
import dev.trellis.application.file.ListFiles;
import dev.trellis.application.file.UploadFile;
import dev.trellis.application.file.ViewFile;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.ItemRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Files: their bytes in a folder on local disk ({@code trellis.files.dir}, by default
 * {@code <data-dir>/files}), bound to the use case's transaction, and the use cases behind
 * {@code /api/files}. A file's bytes are served at {@code /api/files/<id>/content}. The gauges of files stored
 * read their totals at most once per {@code trellis.files.metrics-refresh}.
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean
    FileStorage fileStorage(@Value("${trellis.files.dir}") Path folder) {
        return new TransactionBoundFileStorage(new LocalFileStorage(folder));
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
}
