package dev.trellis.application.file;

import dev.trellis.application.file.FileStorage.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the bytes and the rows in step, whoever changed the rows. {@link #drainDeletions()} removes the
 * bytes of deleted rows (the database queues their keys, so deletes by cascade, plain SQL or a Better
 * Auth server count too); {@link #check()} reports bytes without a row and rows without bytes;
 * {@link #sweep()} drains, removes unfinished writes and bytes without a row that are older than the
 * grace age (younger ones may belong to an upload whose row is not committed yet), and checks again.
 *
 * <p>Both sides are read in key order and merged, so a check costs one listing of the storage and one
 * pass over the rows' index, never a request per file. What the merge finds is confirmed key by key
 * before it is reported or removed, since rows and bytes may change while the listing runs.
 */
public class SweepFiles {

    private static final int PAGE = 1000;
    /** The shape of the keys Trellis makes ({@code <userId>/fil_<id>}): stored bytes of any other shape are never Trellis's to judge. */
    private static final Pattern TRELLIS_KEY = Pattern.compile("[^/]+/fil_[^/]+");
    private static final int EXAMPLES = 20;

    /**
     * What a check found: rows and objects seen; objects without a row older than the grace age (with a
     * few of their keys), younger ones left alone; rows without an object (with a few keys); and the
     * deleted rows' keys still queued.
     */
    public record Report(long rows, long objects, long objectsWithoutRow, List<String> objectsWithoutRowExamples,
                         long youngObjectsWithoutRow, long rowsWithoutObject, List<String> rowsWithoutObjectExamples,
                         long queuedDeletions) {

        /** Nothing orphaned, nothing dangling, nothing waiting. */
        public boolean clean() {
            return objectsWithoutRow == 0 && rowsWithoutObject == 0 && queuedDeletions == 0;
        }
    }

    /** What a sweep removed, and the check after it. */
    public record Swept(long deletionsDrained, long unfinishedRemoved, long objectsWithoutRowRemoved, Report after) {
    }

    private final FileKeys keys;
    private final FileStorage storage;
    private final Clock clock;
    private final Duration grace;

    /** {@code grace}: how old bytes without a row must be before a sweep takes them for leftovers, not an upload in flight. */
    public SweepFiles(FileKeys keys, FileStorage storage, Clock clock, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace age cannot be negative: " + grace);
        }
        this.keys = keys;
        this.storage = storage;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Removes the bytes of every queued deleted row, then takes the keys off the queue. A key whose
     * delete fails stays queued for the next run. Returns how many keys were drained.
     */
    public long drainDeletions() {
        long drained = 0;
        while (true) {
            List<String> batch = keys.deleted(PAGE);
            if (batch.isEmpty()) {
                return drained;
            }
            List<String> done = new ArrayList<>(batch.size());
            RuntimeException failure = null;
            for (String key : batch) {
                try {
                    storage.delete(key);
                    done.add(key);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = new IllegalStateException("Could not delete the bytes of the deleted file " + key
                                + "; its key stays queued for the next run", e);
                    }
                }
            }
            keys.forget(done);
            drained += done.size();
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Reports both kinds of mismatch; changes nothing. */
    public Report check() {
        return audit(false);
    }

    /** Drains the deletions, removes unfinished writes and old bytes without a row, then checks again. */
    public Swept sweep() {
        long drained = drainDeletions();
        int unfinished = storage.removeUnfinished(clock.instant().minus(grace));
        Report found = audit(true);
        return new Swept(drained, unfinished, found.objectsWithoutRow(), check());
    }

    private Report audit(boolean removeOld) {
        Instant oldEnough = clock.instant().minus(grace);
        long rows = 0;
        long objects = 0;
        long young = 0;
        List<String> withoutRow = new ArrayList<>();
        List<String> withoutObject = new ArrayList<>();
        long withoutRowCount = 0;
        long withoutObjectCount = 0;
        try (Stream<StoredObject> listing = storage.list()) {
            Iterator<StoredObject> stored = ordered(listing.iterator(), TRELLIS_KEY);
            Iterator<String> referenced = new RowKeys();
            StoredObject object = next(stored);
            String row = next(referenced);
            while (object != null || row != null) {
                int order = object == null ? -1 : row == null ? 1 : row.compareTo(object.key());
                if (order == 0) {
                    rows++;
                    objects++;
                    object = next(stored);
                    row = next(referenced);
                } else if (order < 0) {
                    rows++;
                    if (!hasBytes(row) && keys.exists(row)) {
                        withoutObjectCount++;
                        example(withoutObject, row);
                    }
                    row = next(referenced);
                } else {
                    objects++;
                    if (!keys.exists(object.key())) {
                        if (object.written().isAfter(oldEnough)) {
                            young++;
                        } else {
                            withoutRowCount++;
                            example(withoutRow, object.key());
                            if (removeOld) {
                                storage.delete(object.key());
                            }
                        }
                    }
                    object = next(stored);
                }
            }
        }
        return new Report(rows, objects, withoutRowCount, List.copyOf(withoutRow), young, withoutObjectCount,
                List.copyOf(withoutObject), keys.deletedCount());
    }

    private boolean hasBytes(String key) {
        Optional<FileStorage.Content> content = storage.open(key);
        content.ifPresent(found -> {
            try (InputStream ignored = found.stream()) {
                // only whether it is there
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return content.isPresent();
    }

    private static void example(List<String> examples, String key) {
        if (examples.size() < EXAMPLES) {
            examples.add(key);
        }
    }

    private static <T> T next(Iterator<T> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }

    /**
     * The storage's objects of Trellis's key shape (others, in a shared bucket, are neither counted nor
     * ever removed), refused when the listing is not in key order (the merge would report nonsense).
     */
    private static Iterator<StoredObject> ordered(Iterator<StoredObject> listing, Pattern shape) {
        return new Iterator<>() {
            private String previous;
            private StoredObject ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && listing.hasNext()) {
                    StoredObject object = listing.next();
                    if (previous != null && previous.compareTo(object.key()) >= 0) {
                        throw new IllegalStateException("the storage lists " + object.key() + " after " + previous
                                + "; a check needs its keys in ascending order");
                    }
                    previous = object.key();
                    if (shape.matcher(object.key()).matches()) {
                        ahead = object;
                    }
                }
                return ahead != null;
            }

            @Override
            public StoredObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StoredObject object = ahead;
                ahead = null;
                return object;
            }
        };
    }

    /** The rows' storage keys in order, a page at a time. */
    private final class RowKeys implements Iterator<String> {
        private List<String> page = List.of();
        private int index;
        private String last;
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            if (index < page.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            page = keys.after(last, PAGE);
            index = 0;
            exhausted = page.size() < PAGE;
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1);
            }
            return !page.isEmpty();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(index++);
        }
    }
}
