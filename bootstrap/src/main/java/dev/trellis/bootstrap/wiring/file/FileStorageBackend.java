package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.persistence.storage.LocalFileStorage;
import dev.trellis.adapter.s3.out.S3FileStorage;
import dev.trellis.application.file.FileStorage;

import java.util.Locale;

/**
 * The storage {@code trellis.files.storage} picks, before it is bound to transactions: a folder on local
 * disk or an S3 bucket. Closed with the application (the S3 client's connections).
 */
public record FileStorageBackend(String name, FileStorage storage) implements AutoCloseable {

    /** @throws FileStorageUnavailable when a setting is wrong or the bucket cannot be reached */
    public static FileStorageBackend of(FilesProperties files) {
        String name = files.storage() == null ? "local" : files.storage().strip().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "local" -> new FileStorageBackend(name, new LocalFileStorage(files.dir()));
                case "s3" -> new FileStorageBackend(name, S3FileStorage.connect(files.s3().settings()));
                default -> throw new IllegalArgumentException("TRELLIS_FILES_STORAGE (trellis.files.storage) is 'local' or 's3', not '"
                        + files.storage() + "'");
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FileStorageUnavailable("The file storage cannot be used: " + e.getMessage(), e);
        }
    }

    /** Where the bytes are, for a log line or a command's output. */
    public String describe(FilesProperties files) {
        return name.equals("s3")
                ? "S3 bucket " + files.s3().bucket() + (files.s3().prefix().isEmpty() ? "" : " under " + files.s3().prefix())
                + (files.s3().endpoint() == null ? "" : " at " + files.s3().endpoint())
                : "folder " + files.dir().toAbsolutePath();
    }

    @Override
    public void close() throws Exception {
        if (storage instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
