package dev.trellis.graph.check.postgres;

import dev.trellis.graph.check.compare.CanonicalRow;
import dev.trellis.graph.check.compare.CanonicalValue;
import dev.trellis.graph.check.compare.IdBatches;
import dev.trellis.graph.check.compare.IdRanges;
import dev.trellis.graph.check.model.NodeKind;
import dev.trellis.graph.check.model.PropertyColumn;
import dev.trellis.graph.check.model.Relation;
import dev.trellis.graph.check.model.RelationColumn;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Reads PostgreSQL's side as canonical rows, streamed with a cursor (fetch size) on the given connection. */
public final class PostgresRows {

    private static final int FETCH_SIZE = 5_000;

    private PostgresRows() {
    }

    static void forEachRow(Connection connection, NodeKind kind, Consumer<CanonicalRow> consumer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(kind.sqlAll())) {
            stream(statement, kind, consumer);
        }
    }

    /** The rows in table pages {@code [from, to)}; {@code to} -1 reads to the end. */
    public static void forEachRowInPages(Connection connection, NodeKind kind, long from, long to, Consumer<CanonicalRow> consumer)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(to < 0 ? kind.sqlFromPage() : kind.sqlInPages())) {
            statement.setString(1, "(" + from + ",0)");
            if (to >= 0) {
                statement.setString(2, "(" + to + ",0)");
            }
            stream(statement, kind, consumer);
        }
    }

    public static long pages(Connection connection, NodeKind kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(kind.sqlPages()); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The rows in the given ranges of {@code ranges}, and maybe a few more (the caller filters). One scan:
     * {@code width_bucket} finds each id's place among the wanted ranges' bounds (collation "C"), by binary
     * search; only those bounds are passed, since for text it steps through the array to each probe.
     */
    public static void forEachRowInRanges(Connection connection, NodeKind kind, IdRanges ranges, Collection<Integer> wanted,
                                   Consumer<CanonicalRow> consumer) throws SQLException {
        TreeSet<String> bounds = new TreeSet<>(IdRanges.CODE_POINT_ORDER);
        for (int range : wanted) {
            if (!ranges.lowerBound(range).isEmpty()) {
                bounds.add(ranges.lowerBound(range));
            }
            if (ranges.upperBound(range) != null) {
                bounds.add(ranges.upperBound(range));
            }
        }
        if (bounds.isEmpty()) {
            forEachRow(connection, kind, consumer);
            return;
        }
        // bucket b is [bounds[b-1], bounds[b]): wholly inside a wanted range or wholly outside all
        List<String> sorted = new ArrayList<>(bounds);
        Set<Integer> wantedRanges = new HashSet<>(wanted);
        List<Integer> buckets = new ArrayList<>();
        for (int bucket = 0; bucket <= sorted.size(); bucket++) {
            String lowest = bucket == 0 ? "" : sorted.get(bucket - 1);
            if (wantedRanges.contains(ranges.indexOf(lowest))) {
                buckets.add(bucket);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(kind.sqlInRanges())) {
            statement.setArray(1, connection.createArrayOf("text", sorted.toArray()));
            statement.setArray(2, connection.createArrayOf("integer", buckets.toArray()));
            stream(statement, kind, consumer);
        }
    }

    public static Map<String, CanonicalRow> rowsByIds(Connection connection, NodeKind kind, Collection<String> ids) throws SQLException {
        Map<String, CanonicalRow> rows = new HashMap<>();
        for (List<String> batch : IdBatches.of(ids)) {
            try (PreparedStatement statement = connection.prepareStatement(kind.sqlByIds())) {
                statement.setArray(1, connection.createArrayOf("text", batch.toArray()));
                stream(statement, kind, row -> rows.put(row.id(), row));
            }
        }
        return rows;
    }

    public static long count(Connection connection, NodeKind kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(kind.sqlCount()); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * About {@code wanted} ids or more, to cut the id space at: all ids of a table up to 100,000 rows, else a
     * sample of its pages ({@code TABLESAMPLE SYSTEM}, repeatable), or all ids when the sample came out too small.
     */
    public static List<String> sampleIds(Connection connection, NodeKind kind, long rows, int wanted) throws SQLException {
        if (rows > 100_000) {
            List<String> sample = ids(connection, kind.sqlSample(), Math.min(100.0, 200.0 * wanted / rows));
            if (sample.size() >= wanted / 2) {
                return sample;
            }
        }
        return ids(connection, kind.sqlAllIds(), null);
    }

    private static List<String> ids(Connection connection, String sql, Double percent) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (percent != null) {
                statement.setDouble(1, percent);
            }
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
        }
        return ids;
    }

    /** Which of {@code ids} have a row. */
    public static Set<String> existingIds(Connection connection, NodeKind kind, Collection<String> ids) throws SQLException {
        Set<String> existing = new HashSet<>();
        for (List<String> batch : IdBatches.of(ids)) {
            try (PreparedStatement statement = connection.prepareStatement(kind.sqlExistingIds())) {
                statement.setArray(1, connection.createArrayOf("text", batch.toArray()));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        existing.add(result.getString(1));
                    }
                }
            }
        }
        return existing;
    }

    /** The aggregates' versions in {@code aggregate_version} (also of deleted ones: the counter stays). */
    public static Map<String, Long> versions(Connection connection, NodeKind kind, Collection<String> ids) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        for (List<String> batch : IdBatches.of(ids)) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select aggregate_id, version from aggregate_version where aggregate_type = ? and aggregate_id = any(?)")) {
                statement.setString(1, kind.aggregateType());
                statement.setArray(2, connection.createArrayOf("text", batch.toArray()));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        versions.put(result.getString(1), result.getLong(2));
                    }
                }
            }
        }
        return versions;
    }

    private static void stream(PreparedStatement statement, NodeKind kind, Consumer<CanonicalRow> consumer) throws SQLException {
        statement.setFetchSize(FETCH_SIZE);
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                consumer.accept(read(result, kind));
            }
        }
    }

    private static CanonicalRow read(ResultSet result, NodeKind kind) throws SQLException {
        String id = result.getString(1);
        long version = result.getLong(2);
        Long knownVersion = result.wasNull() ? null : version;
        TreeMap<String, String> properties = new TreeMap<>();
        int column = 3;
        for (PropertyColumn property : kind.properties()) {
            String value = readValue(result, column++, property.type());
            if (value != null) {
                properties.put(property.name(), value);
            }
        }
        EnumMap<Relation, List<String>> relations = new EnumMap<>(Relation.class);
        for (RelationColumn relation : kind.relations()) {
            if (relation.many()) {
                Array array = result.getArray(column++);
                relations.put(relation.relation(), array == null ? List.of() : List.of((String[]) array.getArray()));
            } else {
                String end = result.getString(column++);
                relations.put(relation.relation(), end == null ? List.of() : List.of(end));
            }
        }
        return new CanonicalRow(id, knownVersion, properties, relations);
    }

    private static String readValue(ResultSet result, int column, PropertyColumn.ValueType type) throws SQLException {
        switch (type) {
            case TEXT:
                String text = result.getString(column);
                return text == null ? null : CanonicalValue.text(text);
            case BOOLEAN:
                boolean bool = result.getBoolean(column);
                return result.wasNull() ? null : CanonicalValue.bool(bool);
            case INTEGER:
                long number = result.getLong(column);
                return result.wasNull() ? null : CanonicalValue.integer(number);
            case TIMESTAMP:
                long micros = result.getLong(column); // the select reads microseconds since the epoch
                return result.wasNull() ? null : CanonicalValue.epochMicros(micros);
            default:
                throw new IllegalStateException("unknown value type " + type);
        }
    }
}
