package dev.trellis.graph.check.model;

/**
 * The graph's relationship types (GRAPH.md). Each is decided by the events of one aggregate, its carrier
 * (an item's owner and tags come with the item's events, a file's item and uploader with the file's, a tag's
 * creator with the tag's), so the checker compares a relationship as part of its carrier's row: the ids at
 * the other end, sorted.
 */
public enum Relation {
    OWNS(Section.OWNS, "User", "Item", false),
    TAGGED(Section.TAGGED, "Item", "Tag", true),
    HAS_FILE(Section.HAS_FILE, "Item", "File", false),
    UPLOADED(Section.UPLOADED, "User", "File", false),
    CREATED(Section.CREATED, "User", "Tag", false);

    private final Section section;
    private final String fromLabel;
    private final String toLabel;
    private final boolean carriedBySource;

    Relation(Section section, String fromLabel, String toLabel, boolean carriedBySource) {
        this.section = section;
        this.fromLabel = fromLabel;
        this.toLabel = toLabel;
        this.carriedBySource = carriedBySource;
    }

    public Section section() {
        return section;
    }

    public String type() {
        return name();
    }

    public String carrierLabel() {
        return carriedBySource ? fromLabel : toLabel;
    }

    String otherLabel() {
        return carriedBySource ? toLabel : fromLabel;
    }

    /**
     * A list comprehension over the carrier {@code n}'s relationships of this type: the other end's id, or, when
     * the other end is not a node of the label the model says, its labels and id in parentheses (so that it can
     * never equal an id PostgreSQL has).
     */
    String graphEndsExpression() {
        String pattern = carriedBySource ? "(n)-[:" + type() + "]->(o)" : "(o)-[:" + type() + "]->(n)";
        return "[" + pattern + " | CASE WHEN o:" + otherLabel() + " AND o.id IS :: STRING NOT NULL THEN o.id"
                + " ELSE '(' + reduce(s = '', l IN labels(o) | s + ':' + l) + ' ' + coalesce(toString(o.id), 'without id') + ')' END]";
    }

    /** Relationships of this type whose carrier end is not a node of the carrier's label with a string id. */
    public String graphUnattachedQuery() {
        String carrier = carriedBySource ? "a" : "b";
        // valueType, not IS :: STRING NOT NULL: Neo4j 5.26 answers the latter from the id index, which has no nulls
        return "MATCH (a)-[:" + type() + "]->(b) WHERE NOT (" + carrier + ":" + carrierLabel() + " AND valueType(" + carrier
                + ".id) = 'STRING NOT NULL') RETURN labels(a) AS fromLabels, toString(a.id) AS fromId, labels(b) AS toLabels, "
                + "toString(b.id) AS toId LIMIT $limit";
    }

    /** {@code (:User usr_1)-[:OWNS]->(:Item itm_1)}, with the carrier's id and the other end's. */
    public String describe(String carrierId, String otherId) {
        String carrier = "(:" + carrierLabel() + " " + carrierId + ")";
        String other = otherId.startsWith("(") ? otherId : "(:" + otherLabel() + " " + otherId + ")";
        return carriedBySource ? carrier + "-[:" + type() + "]->" + other : other + "-[:" + type() + "]->" + carrier;
    }
}
