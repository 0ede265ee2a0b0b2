package dev.trellis.application.testing;

import dev.trellis.application.file.FileStorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Bytes in a map. It knows no transactions: a use case test sees each put and delete at once. */
public final class InMemoryFileStorage implements FileStorage {

    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    @Override
    public long put(String key, InputStream content) {
        byte[] read;
        try {
            read = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.putIfAbsent(key, read) != null) {
            throw new IllegalStateException("storage key " + key + " is taken");
        }
        return read.length;
    }

    @Override
    public Optional<Content> open(String key) {
        return Optional.ofNullable(bytes.get(key)).map(found -> new Content(new ByteArrayInputStream(found), found.length));
    }

    @Override
    public void delete(String key) {
        bytes.remove(key);
    }

    /** The keys that hold bytes. */
    public Set<String> keys() {
        return Set.copyOf(bytes.keySet());
    }
}
