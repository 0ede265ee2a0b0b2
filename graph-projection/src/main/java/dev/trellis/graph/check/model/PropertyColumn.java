package dev.trellis.graph.check.model;

/** One node property (its name in the graph) and the SQL that reads the same value from PostgreSQL. */
public record PropertyColumn(String name, String sql, ValueType type) {

    public enum ValueType { TEXT, BOOLEAN, INTEGER, TIMESTAMP }

    static PropertyColumn text(String name, String sql) {
        return new PropertyColumn(name, sql, ValueType.TEXT);
    }

    static PropertyColumn bool(String name, String sql) {
        return new PropertyColumn(name, sql, ValueType.BOOLEAN);
    }

    static PropertyColumn integer(String name, String sql) {
        return new PropertyColumn(name, sql, ValueType.INTEGER);
    }

    static PropertyColumn timestamp(String name, String sql) {
        return new PropertyColumn(name, sql, ValueType.TIMESTAMP);
    }
}
