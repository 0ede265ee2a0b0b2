package planted.graphleak.graph.neo4j;

import planted.graphleak.adapter.persistence.ItemRow;

/** Violation: the projection writes the platform's persistence rows to the graph. */
public class RowWriter {
    public String key(ItemRow row) {
        return row.id();
    }
}
