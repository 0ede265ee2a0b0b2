package dev.trellis.adapter.web.file;

import dev.trellis.domain.file.StoredFile;

import java.time.Instant;
import java.util.List;

/** The JSON of a file row, as the REST API answers it (the storage key stays inside). */
record FileJson(String id, String ownerId, String itemId, String filename, String mimeType, long size, String url,
                Instant createdAt, long version) {

    static FileJson of(StoredFile file) {
        return new FileJson(file.id().value(), file.owner().value(), file.item() == null ? null : file.item().value(),
                file.filename(), file.mimeType().value(), file.size(), file.url(), file.createdAt(), file.version());
    }

    record Page(List<FileJson> files) {
        static Page of(List<StoredFile> files) {
            return new Page(files.stream().map(FileJson::of).toList());
        }
    }
}
