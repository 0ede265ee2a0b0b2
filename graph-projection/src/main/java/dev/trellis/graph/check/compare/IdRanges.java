package dev.trellis.graph.check.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The id space of one kind cut into ranges {@code [lo, hi)} in code point order, the order of PostgreSQL's
 * collation "C" and of Neo4j's string comparison (whatever the database's own collation is, which need not
 * be either). The first range starts at the empty string, the last is open, so every id falls into exactly
 * one range. The cuts come from a sample of PostgreSQL's ids: they only decide how many rows a range
 * holds, never whether a row is compared.
 */
public final class IdRanges {

    /** Code point order (String.compareTo compares UTF-16 units, which differs above U+FFFF). */
    public static final Comparator<String> CODE_POINT_ORDER = IdRanges::compareCodePoints;

    private final String[] cuts;

    private IdRanges(String[] cuts) {
        this.cuts = cuts;
    }

    /** {@code ranges} ranges of about equal size from a sample of the ids (fewer if the sample has fewer distinct ids). */
    public static IdRanges fromSample(List<String> sample, int ranges) {
        String[] sorted = sample.stream().sorted(CODE_POINT_ORDER).distinct().toArray(String[]::new);
        List<String> cuts = new ArrayList<>();
        if (ranges > 1 && sorted.length > 0) {
            for (int i = 1; i < ranges; i++) {
                String cut = sorted[(int) ((long) i * sorted.length / ranges)];
                if (!cut.isEmpty() && (cuts.isEmpty() || compareCodePoints(cuts.get(cuts.size() - 1), cut) < 0)) {
                    cuts.add(cut);
                }
            }
        }
        return new IdRanges(cuts.toArray(String[]::new));
    }

    static IdRanges of(String... cuts) {
        return fromSample(Arrays.asList(cuts), cuts.length + 1);
    }

    public int count() {
        return cuts.length + 1;
    }

    public int indexOf(String id) {
        int low = 0;
        int high = cuts.length; // answer in [0, cuts.length]
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compareCodePoints(id, cuts[middle]) < 0) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    public String lowerBound(int range) {
        return range == 0 ? "" : cuts[range - 1];
    }

    /** Null for the last range, which is open. */
    public String upperBound(int range) {
        return range == cuts.length ? null : cuts[range];
    }

    private static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
