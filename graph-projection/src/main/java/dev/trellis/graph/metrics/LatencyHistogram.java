package dev.trellis.graph.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Commit-to-graph latencies since the projection started, counted in 1-ms buckets up to
 * {@value #LIMIT_MILLIS} ms (one bucket holds everything slower). Cumulative on purpose: the difference of
 * two {@link Snapshot}s gives exact percentiles over any stretch between them (a measured minute of a
 * benchmark), which the 10-s summary windows cannot, as percentiles do not add up. Safe to record from
 * one thread while another takes snapshots.
 */
public final class LatencyHistogram {

    /** Latencies of this many milliseconds or more share the last bucket. */
    public static final int LIMIT_MILLIS = 10_000;

    private final AtomicLongArray counts = new AtomicLongArray(LIMIT_MILLIS + 1);

    public void record(long millis) {
        counts.incrementAndGet((int) Math.max(0, Math.min(LIMIT_MILLIS, millis)));
    }

    public Snapshot snapshot() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return new Snapshot(copy);
    }

    /**
     * The counts at one moment: {@code counts[ms]} latencies of {@code ms} milliseconds (rounded down), the last
     * of {@value #LIMIT_MILLIS} ms or more.
     */
    public record Snapshot(long[] counts) {

        public Snapshot {
            if (counts.length != LIMIT_MILLIS + 1) {
                throw new IllegalArgumentException("a snapshot has " + (LIMIT_MILLIS + 1) + " buckets, not " + counts.length);
            }
        }

        public long count() {
            return Arrays.stream(counts).sum();
        }

        /** The nearest-rank percentile in ms ({@value #LIMIT_MILLIS} for the slowest bucket), 0 when empty. */
        public long percentile(double p) {
            long total = count();
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
            long seen = 0;
            for (int ms = 0; ms < counts.length; ms++) {
                seen += counts[ms];
                if (seen >= rank) {
                    return ms;
                }
            }
            return LIMIT_MILLIS;
        }

        /** The slowest bucket that holds a latency, 0 when empty. */
        public long max() {
            for (int ms = counts.length - 1; ms >= 0; ms--) {
                if (counts[ms] > 0) {
                    return ms;
                }
            }
            return 0;
        }

        /** What was recorded after {@code earlier}, a snapshot of the same histogram. */
        public Snapshot minus(Snapshot earlier) {
            long[] difference = new long[counts.length];
            for (int i = 0; i < difference.length; i++) {
                difference[i] = counts[i] - earlier.counts[i];
                if (difference[i] < 0) {
                    throw new IllegalArgumentException("the other snapshot is not an earlier one of this histogram");
                }
            }
            return new Snapshot(difference);
        }

        /** The buckets that hold latencies, as {@code ms=count} pairs separated by spaces: {@code 12=3 13=40 10000=1}. */
        public String encode() {
            StringBuilder text = new StringBuilder();
            for (int ms = 0; ms < counts.length; ms++) {
                if (counts[ms] > 0) {
                    text.append(text.isEmpty() ? "" : " ").append(ms).append('=').append(counts[ms]);
                }
            }
            return text.toString();
        }

        /** Reads {@link #encode()}'s text back. */
        public static Snapshot parse(String encoded) {
            long[] counts = new long[LIMIT_MILLIS + 1];
            for (String pair : encoded.trim().split("\\s+")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("not a ms=count pair: " + pair);
                }
                counts[Integer.parseInt(pair, 0, equals, 10)] = Long.parseLong(pair.substring(equals + 1));
            }
            return new Snapshot(counts);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Snapshot snapshot && Arrays.equals(counts, snapshot.counts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(counts);
        }

        @Override
        public String toString() {
            return "Snapshot[" + encode() + "]";
        }
    }
}
