package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.persistence.storage.LocalFileStorage;
import dev.trellis.adapter.persistence.storage.TransactionBoundFileStorage;
import dev.trellis.application.file.FileUseCases;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.file.FileStorage;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.ItemRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Files: their bytes in a folder on local disk ({@code trellis.files.dir}, by default
 * {@code <data-dir>/files}), bound to the use case's transaction, and the use cases behind
 * {@code /api/files}. A file's bytes are served at {@code /api/files/<id>/content}.
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean
    FileStorage fileStorage(@Value("${trellis.files.dir}") Path folder) {
        return new TransactionBoundFileStorage(new LocalFileStorage(folder));
    }

    @Bean
    FileUseCases fileUseCases(FileRepository files, ItemRepository items, FileStorage storage, EventOutbox outbox, Clock clock) {
        return new FileUseCases(files, items, storage, outbox, clock, id -> "/api/files/" + id.value() + "/content");
    }
}
