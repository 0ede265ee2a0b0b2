package dev.trellis.graph.check.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Per id range of one side: how many rows, and the sum of their 128-bit row hashes (two 64-bit lanes,
 * each modulo 2^64). A sum does not depend on the order the rows come in, so neither side has to sort, and
 * a row twice counts twice. Equal ranges have equal sums; a range whose count or sum differs holds at least
 * one difference.
 */
public final class RangeDigests {

    private final long[] rows;
    private final long[] high;
    private final long[] low;

    public RangeDigests(int ranges) {
        rows = new long[ranges];
        high = new long[ranges];
        low = new long[ranges];
    }

    public void add(int range, RowHasher hashed) {
        rows[range]++;
        high[range] += hashed.high();
        low[range] += hashed.low();
    }

    public synchronized void addAll(RangeDigests other) {
        for (int i = 0; i < rows.length; i++) {
            rows[i] += other.rows[i];
            high[i] += other.high[i];
            low[i] += other.low[i];
        }
    }

    public long rows(int range) {
        return rows[range];
    }

    /** The ranges whose digests differ from {@code other}'s, in order. */
    public List<Integer> differingFrom(RangeDigests other) {
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != other.rows[i] || high[i] != other.high[i] || low[i] != other.low[i]) {
                differing.add(i);
            }
        }
        return differing;
    }
}
