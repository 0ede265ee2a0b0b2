package dev.trellis.application.testing;

import dev.trellis.application.file.FileKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/** The rows' keys and the deletion queue in memory; {@link #deleteRow} does what the database's trigger does. */
public final class InMemoryFileKeys implements FileKeys {

    private final NavigableSet<String> rows = new ConcurrentSkipListSet<>();
    private final List<String> queue = new ArrayList<>();

    public synchronized void addRow(String key) {
        rows.add(key);
    }

    /** Removes the row and queues its key, as the trigger on {@code files} does. */
    public synchronized void deleteRow(String key) {
        if (rows.remove(key) && !queue.contains(key)) {
            queue.add(key);
        }
    }

    @Override
    public synchronized List<String> after(String after, int limit) {
        return (after == null ? rows : rows.tailSet(after, false)).stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean exists(String key) {
        return rows.contains(key);
    }

    @Override
    public synchronized List<String> deleted(int limit) {
        queue.removeIf(rows::contains);
        return List.copyOf(queue.subList(0, Math.min(limit, queue.size())));
    }

    @Override
    public synchronized long deletedCount() {
        return queue.size();
    }

    @Override
    public synchronized void forget(Collection<String> keys) {
        queue.removeAll(new ArrayList<>(keys));
    }
}
