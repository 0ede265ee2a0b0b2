package dev.trellis.bootstrap.wiring.file;

/** The storage {@code trellis.files.*} describes cannot be used: a setting is wrong, or the bucket cannot be reached. */
public class FileStorageUnavailable extends RuntimeException {

    public FileStorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
