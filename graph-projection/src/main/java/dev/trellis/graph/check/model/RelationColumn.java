package dev.trellis.graph.check.model;

/** The SQL that reads a relation's other ends for its carrier: one id (nullable) or an array of ids. */
public record RelationColumn(Relation relation, String sql, boolean many) {

    static RelationColumn one(Relation relation, String sql) {
        return new RelationColumn(relation, sql, false);
    }

    static RelationColumn many(Relation relation, String sql) {
        return new RelationColumn(relation, sql, true);
    }
}
