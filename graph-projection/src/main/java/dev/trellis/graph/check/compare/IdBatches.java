package dev.trellis.graph.check.compare;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Ids (or anything) in lists of at most 10,000: one query parameter each, an SQL array or a Cypher list. */
public final class IdBatches {

    private static final int BATCH = 10_000;

    private IdBatches() {
    }

    public static <T> List<List<T>> of(Collection<T> all) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T element : all) {
            current.add(element);
            if (current.size() == BATCH) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
