package dev.trellis.graph.check.compare;

import dev.trellis.graph.check.model.Relation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One aggregate as one side holds it: id, version (null: a placeholder, or unknown to aggregate_version),
 * the properties present (graph names, canonical values), and per relation the ids at its other ends, sorted
 * (a relationship twice is listed twice). Both sides build it, so equal rows hash equally.
 */
public record CanonicalRow(String id, Long version, SortedMap<String, String> properties, Map<Relation, List<String>> relations) {

    public CanonicalRow {
        EnumMap<Relation, List<String>> sorted = new EnumMap<>(Relation.class);
        relations.forEach((relation, ends) -> {
            List<String> copy = new ArrayList<>(ends);
            copy.sort(IdRanges.CODE_POINT_ORDER);
            sorted.put(relation, Collections.unmodifiableList(copy));
        });
        relations = Collections.unmodifiableMap(sorted);
    }

    List<String> ends(Relation relation) {
        return relations.getOrDefault(relation, List.of());
    }

    /** Hashes the row; read the hash from the hasher. */
    public void hashWith(RowHasher hasher) {
        hasher.begin();
        hasher.field(id);
        hasher.field(version == null ? "-" : Long.toString(version));
        for (Map.Entry<String, String> property : properties.entrySet()) {
            hasher.field(property.getKey());
            hasher.field(property.getValue());
        }
        for (Map.Entry<Relation, List<String>> relation : relations.entrySet()) {
            hasher.field(relation.getKey().type());
            for (String end : relation.getValue()) {
                hasher.field(end);
            }
        }
        hasher.finish();
    }
}
