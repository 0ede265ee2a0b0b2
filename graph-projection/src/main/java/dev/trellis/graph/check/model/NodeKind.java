package dev.trellis.graph.check.model;

import java.util.List;
import java.util.stream.Collectors;

import static dev.trellis.graph.check.model.PropertyColumn.bool;
import static dev.trellis.graph.check.model.PropertyColumn.integer;
import static dev.trellis.graph.check.model.PropertyColumn.text;
import static dev.trellis.graph.check.model.PropertyColumn.timestamp;

/**
 * The four aggregates, each a table in PostgreSQL and a label in the graph (GRAPH.md), with the SQL and the
 * Cypher that read one row of each side in the same shape: id, version, properties under their graph names
 * (a SQL null is an absent property), and the relations the aggregate carries. The user's profile and
 * settings are flattened into the user, with the defaults the events carry when a row is missing (V4's
 * {@code trellis_user_state}); a file's {@code storage_key} is internal and not projected.
 */
public enum NodeKind {
    USER("User", "user", Section.USERS, "\"user\"", "u",
            "\"user\" u left join user_profile p on p.user_id = u.id left join user_settings s on s.user_id = u.id",
            List.of(text("name", "u.name"), text("email", "u.email"), bool("emailVerified", "u.email_verified"),
                    text("image", "u.image"), timestamp("createdAt", "u.created_at"), timestamp("updatedAt", "u.updated_at"),
                    text("bio", "p.bio"), text("website", "p.website"), text("timezone", "coalesce(p.timezone, 'UTC')"),
                    text("theme", "coalesce(s.theme::text, 'system')"), text("language", "coalesce(s.language, 'en')"),
                    bool("notificationsEnabled", "coalesce(s.notifications_enabled, true)")),
            List.of()),
    ITEM("Item", "item", Section.ITEMS, "items", "i", "items i",
            List.of(text("title", "i.title"), text("description", "i.description"), text("content", "i.content"),
                    text("status", "i.status::text"), text("imageUrl", "i.image_url"),
                    timestamp("createdAt", "i.created_at"), timestamp("updatedAt", "i.updated_at")),
            List.of(RelationColumn.one(Relation.OWNS, "i.user_id"),
                    RelationColumn.many(Relation.TAGGED, "array(select it.tag_id from item_tags it where it.item_id = i.id)"))),
    TAG("Tag", "tag", Section.TAGS, "tags", "t", "tags t",
            List.of(text("name", "t.name"), text("color", "t.color"), timestamp("createdAt", "t.created_at")),
            List.of(RelationColumn.one(Relation.CREATED, "t.created_by"))),
    FILE("File", "file", Section.FILES, "files", "f", "files f",
            List.of(text("filename", "f.filename"), text("url", "f.url"), integer("size", "f.size"),
                    text("mimeType", "f.mime_type"), timestamp("createdAt", "f.created_at")),
            List.of(RelationColumn.one(Relation.HAS_FILE, "f.item_id"), RelationColumn.one(Relation.UPLOADED, "f.user_id")));

    private final String label;
    private final String aggregateType;
    private final Section section;
    private final String table;
    private final String alias;
    private final String from;
    private final List<PropertyColumn> properties;
    private final List<RelationColumn> relations;

    NodeKind(String label, String aggregateType, Section section, String table, String alias, String from,
             List<PropertyColumn> properties, List<RelationColumn> relations) {
        this.label = label;
        this.aggregateType = aggregateType;
        this.section = section;
        this.table = table;
        this.alias = alias;
        this.from = from;
        this.properties = properties;
        this.relations = relations;
    }

    public String label() {
        return label;
    }

    /** The aggregate type of the events, of {@code aggregate_version} and of the tombstones' keys. */
    public String aggregateType() {
        return aggregateType;
    }

    public Section section() {
        return section;
    }

    public List<PropertyColumn> properties() {
        return properties;
    }

    public List<RelationColumn> relations() {
        return relations;
    }

    String table() {
        return table;
    }

    /** The tombstone's key in the graph: {@code item:itm_…}. */
    public String tombstoneKey(String id) {
        return aggregateType + ":" + id;
    }

    // --- PostgreSQL: id, version, the properties in order, the relations in order ---

    private String select() {
        return "select " + alias + ".id, av.version, "
                + properties.stream().map(NodeKind::selected).collect(Collectors.joining(", "))
                + relations.stream().map(relation -> ", " + relation.sql()).collect(Collectors.joining())
                + " from " + from
                + " left join aggregate_version av on av.aggregate_type = '" + aggregateType + "' and av.aggregate_id = " + alias + ".id";
    }

    /** Timestamps as microseconds since the epoch: exact, and far cheaper to read than timestamp text. */
    private static String selected(PropertyColumn column) {
        return column.type() == PropertyColumn.ValueType.TIMESTAMP ? "(extract(epoch from " + column.sql() + ") * 1000000)::int8" : column.sql();
    }

    public String sqlAll() {
        return select();
    }

    /** The rows in table pages {@code [from, to)}: a TID range scan, so that parallel readers share the table. */
    public String sqlInPages() {
        return select() + " where " + alias + ".ctid >= ?::tid and " + alias + ".ctid < ?::tid";
    }

    /** The rows from a table page on (the last share: also pages added meanwhile). */
    public String sqlFromPage() {
        return select() + " where " + alias + ".ctid >= ?::tid";
    }

    public String sqlPages() {
        return "select pg_relation_size('" + table + "') / current_setting('block_size')::int8";
    }

    /** Rows whose id's place among the given bounds (in collation "C") is one of the given buckets. */
    public String sqlInRanges() {
        return select() + " where width_bucket(" + alias + ".id collate \"C\", ?::text[]) = any(?::int[])";
    }

    public String sqlByIds() {
        return select() + " where " + alias + ".id = any(?)";
    }

    public String sqlCount() {
        return "select count(*) from " + table;
    }

    public String sqlSample() {
        return "select id from " + table + " tablesample system (?) repeatable (42)";
    }

    public String sqlAllIds() {
        return "select id from " + table;
    }

    public String sqlExistingIds() {
        return "select id from " + table + " where id = any(?)";
    }

    // --- Neo4j: the node's properties and, per relation, the ids at its other ends ---

    private String graphReturn() {
        return " RETURN properties(n) AS properties"
                + relations.stream().map(relation -> ", " + relation.relation().graphEndsExpression() + " AS " + relation.relation().type())
                .collect(Collectors.joining());
    }

    /**
     * The nodes in id ranges ({@code {lo, hi}}), each range an index seek on both bounds. (An open upper bound
     * has its own query: {@code r.hi IS NULL OR n.id < r.hi} would make the seek use the lower bound only.)
     */
    public String cypherInRanges() {
        return "UNWIND $ranges AS r MATCH (n:" + label + ") WHERE n.id >= r.lo AND n.id < r.hi" + graphReturn();
    }

    /** The nodes from an id on. */
    public String cypherFrom() {
        return "MATCH (n:" + label + ") WHERE n.id >= $lo" + graphReturn();
    }

    public String cypherByIds() {
        return "UNWIND $ids AS id MATCH (n:" + label + " {id: id})" + graphReturn();
    }

    public String cypherCount() {
        return "MATCH (n:" + label + ") RETURN count(n) AS count";
    }

    /** valueType, not {@code IS :: STRING NOT NULL}: Neo4j 5.26 answers the latter from the id index, which has no nulls. */
    public String cypherWithoutId() {
        return "MATCH (n:" + label + ") WHERE valueType(n.id) <> 'STRING NOT NULL' "
                + "RETURN count(n) AS count, [x IN collect(n)[..$limit] | [elementId(x), toString(x.id)]] AS examples";
    }
}
