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
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /**
     * Walks the folders in key order: an entry sorts by its name, with a {@code /} after a folder's, so
     * {@code a-b/x} comes before {@code a/x} as the keys do. Temporary files and anything not shaped
     * like a key are not listed.
     */
    @Override
    public Stream<StoredObject> list() {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        return entries(root, "");
    }

    private Stream<StoredObject> entries(Path folder, String prefix) {
        List<Path> children;
        try (Stream<Path> listing = Files.list(folder)) {
            children = listing.filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(path -> path.getFileName() + (Files.isDirectory(path) ? "/" : "")))
                    .toList();
        } catch (NoSuchFileException e) {
            return Stream.empty();   // removed while the walk ran
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder, e);
        }
        return children.stream().flatMap(path -> {
            String key = prefix + path.getFileName();
            if (Files.isDirectory(path)) {
                return entries(path, key + "/");
            }
            if (!KEY.matcher(key).matches()) {
                return Stream.empty();
            }
            try {
                return Stream.of(new StoredObject(key, Files.getLastModifiedTime(path).toInstant()));
            } catch (NoSuchFileException e) {
                return Stream.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + path, e);
            }
        });
    }

    /** Temporary files of puts that never finished (the process died mid-upload) and were last written before {@code before}. */
    @Override
    public int removeUnfinished(Instant before) {
        Path temporaryFolder = root.resolve(TEMPORARY_FOLDER);
        if (!Files.isDirectory(temporaryFolder)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> listing = Files.list(temporaryFolder)) {
            for (Path path : listing.toList()) {
                try {
                    if (Files.getLastModifiedTime(path).toInstant().isBefore(before) && Files.deleteIfExists(path)) {
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // finished meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean " + temporaryFolder, e);
        }
        return removed;
    }

    /** Bytes on local disk are served by the application itself. */
    @Override
    public Optional<URI> link(String key, ServedAs servedAs) {
        return Optional.empty();
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
