package dev.trellis.adapter.persistence.storage;

import dev.trellis.application.file.FileStorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploaded bytes in a folder on local disk, one file per key ({@code <root>/<userId>/<fileId>}).
 * Keys are Trellis's own and checked again here: segments of {@code [A-Za-z0-9_-]} only, so no key
 * can name a path outside the root. A put writes to a temporary file under {@code <root>/.tmp},
 * forces it to disk and then moves it into place atomically: a reader never sees half a file, and a
 * crash leaves at most a stray temporary file. Files are created readable by their owner only.
 */
public class LocalFileStorage implements FileStorage {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,255}(/[A-Za-z0-9_-]{1,255}){0,3}");
    static final String TEMPORARY_FOLDER = ".tmp";   // a dot cannot start a key's segment: never a key's folder

    private final Path root;

    public LocalFileStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public long put(String key, InputStream content) {
        Path target = resolve(key);
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            Path temporaryFolder = Files.createDirectories(root.resolve(TEMPORARY_FOLDER));
            temporary = Files.createTempFile(temporaryFolder, "upload-", ".part");
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                size = content.transferTo(out);
                channel.force(true);
            }
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(key);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            forceFolder(target.getParent());
            return size;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("storage key " + key + " already holds bytes", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the bytes of " + key, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public Optional<Content> open(String key) {
        Path path = resolve(key);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            return Optional.of(new Content(Channels.newInputStream(channel), channel.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the bytes of " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the bytes of " + key, e);
        }
    }

    /** The key's path under the root; anything but Trellis's key shape is refused. */
    Path resolve(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("not a storage key: " + key);   // belt and braces: the pattern already refuses it
        }
        return path;
    }

    /** Makes the new directory entry durable (POSIX); where folders cannot be opened, the move alone must do. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a stray temporary file only costs disk space
            }
        }
    }
}
