package dev.trellis.application.testing;

import dev.trellis.application.file.FileStorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** Bytes in a map. It knows no transactions: a use case test sees each put and delete at once. */
public final class InMemoryFileStorage implements FileStorage {

    private final Clock clock;
    private final Map<String, Instant> written = new ConcurrentSkipListMap<>();
    private final Map<String, byte[]> bytes = new ConcurrentSkipListMap<>();

    public InMemoryFileStorage() {
        this(Clock.systemUTC());
    }

    /** A storage that stamps each put with {@code clock}'s time. */
    public InMemoryFileStorage(Clock clock) {
        this.clock = clock;
    }

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
        written.put(key, clock.instant());
        return read.length;
    }

    @Override
    public Optional<Content> open(String key) {
        return Optional.ofNullable(bytes.get(key)).map(found -> new Content(new ByteArrayInputStream(found), found.length));
    }

    @Override
    public void delete(String key) {
        bytes.remove(key);
        written.remove(key);
    }

    @Override
    public Stream<StoredObject> list() {
        return written.entrySet().stream().map(entry -> new StoredObject(entry.getKey(), entry.getValue()));
    }

    @Override
    public int removeUnfinished(Instant before) {
        return 0;   // a put into the map finishes or leaves nothing
    }

    @Override
    public Optional<URI> link(String key, ServedAs servedAs) {
        return Optional.empty();
    }

    /** The keys that hold bytes. */
    public Set<String> keys() {
        return Set.copyOf(bytes.keySet());
    }
}
