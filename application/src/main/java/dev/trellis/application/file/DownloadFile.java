package dev.trellis.application.file;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.NotFound;
import org.springframework.transaction.annotation.Transactional;

import java.io.InputStream;

/**
 * One of the caller's files: the row and its bytes, opened for reading; bytes missing from storage
 * are as missing as the file.
 */
public class DownloadFile {

    /** A file's bytes to send (read once, closed by the caller), with the row that describes them. */
    public record Download(StoredFile file, InputStream content, long size) {
    }

    private final FileRepository files;
    private final FileStorage storage;

    public DownloadFile(FileRepository files, FileStorage storage) {
        this.files = files;
        this.storage = storage;
    }

    @Transactional(readOnly = true)
    public Download handle(RequestContext caller, FileId id) {
        StoredFile file = FileChanges.owned(files, caller, id);
        FileStorage.Content content = storage.open(file.storageKey()).orElseThrow(() -> new NotFound("file", id));
        return new Download(file, content.stream(), content.size());
    }
}
