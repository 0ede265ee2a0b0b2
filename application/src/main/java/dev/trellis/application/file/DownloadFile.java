package dev.trellis.application.file;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.NotFound;
import org.springframework.transaction.annotation.Transactional;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the caller's files: the row and its bytes, opened for reading, or a short-lived link to them
 * where the storage hands out links; bytes missing from storage are as missing as the file.
 */
public class DownloadFile {

    /** A file's bytes to send (read once, closed by the caller), with the row that describes them. */
    public record Download(StoredFile file, InputStream content, long size) {
    }

    /** Either a link that serves the bytes, or the bytes themselves. */
    public record LinkOrBytes(Optional<URI> link, Download bytes) {
    }

    private final FileRepository files;
    private final FileStorage storage;

    public DownloadFile(FileRepository files, FileStorage storage) {
        this.files = files;
        this.storage = storage;
    }

    @Transactional(readOnly = true)
    public Download handle(RequestContext caller, FileId id) {
        return bytes(FileChanges.owned(files, caller, id));
    }

    /**
     * A link to the bytes, served with the headers {@code servedAs} gives for the file, when the storage
     * hands out links; otherwise the bytes, as {@link #handle(RequestContext, FileId)}.
     */
    @Transactional(readOnly = true)
    public LinkOrBytes linkOrBytes(RequestContext caller, FileId id, Function<StoredFile, FileStorage.ServedAs> servedAs) {
        StoredFile file = FileChanges.owned(files, caller, id);
        Optional<URI> link = storage.link(file.storageKey(), servedAs.apply(file));
        return link.isPresent() ? new LinkOrBytes(link, null) : new LinkOrBytes(Optional.empty(), bytes(file));
    }

    private Download bytes(StoredFile file) {
        FileStorage.Content content = storage.open(file.storageKey()).orElseThrow(() -> new NotFound("file", file.id()));
        return new Download(file, content.stream(), content.size());
    }
}
