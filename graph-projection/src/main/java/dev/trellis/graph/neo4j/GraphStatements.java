package dev.trellis.graph.neo4j;

import dev.trellis.event.contract.AggregateType;

import java.util.List;
import java.util.Map;

/**
 * Every Cypher statement the projection runs, each of one fixed shape, fed a whole batch through
 * {@code UNWIND $rows AS row} (rows from {@link GraphRows}); values only ever travel as parameters.
 *
 * <p>How the statements stay right when two transactions touch the same node (two projection instances
 * in one consumer group: one applies {@code item.tags_changed} while the other applies {@code tag.deleted}
 * of a tag it names): a node is always reached with {@code MERGE} on its unique id, and the tombstone is
 * read only after that {@code MERGE}. {@code MERGE} on a uniqueness constraint locks the id, also when it
 * creates the node, so of two such transactions the second waits for the first to commit:
 * <ul>
 *   <li>deletion first: the other transaction's {@code MERGE} then creates a fresh node, sees the committed
 *       tombstone, links nothing and removes the node it made;</li>
 *   <li>link first: the deletion's {@code MERGE} (not {@code MATCH}, which would not wait for an uncommitted
 *       node) finds the committed node with its new relationship and removes both.</li>
 * </ul>
 * The version guard {@code WHERE n.version IS NULL OR n.version < row.version} sits in each upsert, so a
 * state older than the node's is never written, whatever the fence read at the start of the transaction.
 */
public final class GraphStatements {

    private GraphStatements() {
    }

    /** Idempotent; the uniqueness constraints also give every {@code MERGE} and fence read its index. */
    public static final List<String> SCHEMA = List.of(
            "CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT item_id IF NOT EXISTS FOR (n:Item) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT tag_id IF NOT EXISTS FOR (n:Tag) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT file_id IF NOT EXISTS FOR (n:File) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (n:Tombstone) REQUIRE n.key IS UNIQUE",
            // a user's graph is looked up by email (GRAPH.md); emails are not unique across events in flight
            "CREATE INDEX user_email IF NOT EXISTS FOR (n:User) ON (n.email)");

    /** Waits until the indexes above are online, so the first batch does not scan. */
    public static final String AWAIT_INDEXES = "CALL db.awaitIndexes(300)";

    /**
     * Every statement below reaches its nodes by a unique index seek on an id, and the former ends of a node's
     * outgoing facts by expanding from that node (their patterns name no label there: a labelled far end let the
     * planner, on some counts, scan every user's id per row instead), so its plan is the same on an empty graph
     * and on a filled one ({@code GraphStatementsPlanTest}). Cypher would still plan it again each time the
     * graph's counts have changed by more than a threshold (at most every 10 s): while a projection filled an empty
     * graph, 4 % of its CPU went there. {@code replan=skip} keeps the plan made at the warm-up.
     */
    static String planOnce(String statement) {
        return "CYPHER replan=skip\n" + statement;
    }

    // ---- the fence: what the graph has applied, read inside the transaction that applies the batch ----

    /** {@code $ids}: aggregate ids; placeholders (no version) are not applied state and stay out. */
    public static final Map<AggregateType, String> APPLIED_VERSIONS = Map.of(
            AggregateType.USER, appliedVersions("User"),
            AggregateType.ITEM, appliedVersions("Item"),
            AggregateType.TAG, appliedVersions("Tag"),
            AggregateType.FILE, appliedVersions("File"));

    /** {@code $keys}: tombstone keys {@code <type>:<id>}. */
    public static final String TOMBSTONES = planOnce("""
            UNWIND $keys AS key
            MATCH (tombstone:Tombstone {key: key})
            RETURN tombstone.key AS key, tombstone.version AS version""");

    private static String appliedVersions(String label) {
        return planOnce("""
                UNWIND $ids AS id
                MATCH (n:%s {id: id})
                WHERE n.version IS NOT NULL
                RETURN n.id AS id, n.version AS version""".formatted(label));
    }

    // ---- upserts: the newest full state of each aggregate of the batch ----

    /** Rows: {@code id, version, properties}. */
    public static final String UPSERT_USERS = planOnce("""
            UNWIND $rows AS row
            MERGE (user:User {id: row.id})
            WITH user, row, EXISTS { MATCH (:Tombstone {key: 'user:' + row.id}) } AS gone
            CALL (user, row, gone) {
              WITH user, row, gone
              WHERE NOT gone AND (user.version IS NULL OR user.version < row.version)
              SET user += row.properties, user.version = row.version
            }
            CALL (user, gone) {
              WITH user, gone WHERE gone
              DETACH DELETE user
            }""");

    /** Rows: {@code id, version, properties, createdBy}; the creator's {@code CREATED} follows {@code createdBy}. */
    public static final String UPSERT_TAGS = planOnce("""
            UNWIND $rows AS row
            MERGE (tag:Tag {id: row.id})
            WITH tag, row, EXISTS { MATCH (:Tombstone {key: 'tag:' + row.id}) } AS gone
            CALL (tag, row, gone) {
              WITH tag, row, gone
              WHERE NOT gone AND (tag.version IS NULL OR tag.version < row.version)
              SET tag += row.properties, tag.version = row.version
              WITH tag, row
              CALL (tag, row) {
                MATCH (former)-[created:CREATED]->(tag)
                WHERE row.createdBy IS NULL OR former.id <> row.createdBy
                DELETE created
              }
              CALL (tag, row) {
                WITH tag, row WHERE row.createdBy IS NOT NULL
                MERGE (creator:User {id: row.createdBy})
                WITH tag, creator, EXISTS { MATCH (:Tombstone {key: 'user:' + row.createdBy}) } AS creatorGone
                FOREACH (_ IN CASE WHEN creatorGone THEN [] ELSE [1] END | MERGE (creator)-[:CREATED]->(tag))
                FOREACH (_ IN CASE WHEN creatorGone THEN [1] ELSE [] END | DETACH DELETE creator)
              }
            }
            CALL (tag, gone) {
              WITH tag, gone WHERE gone
              DETACH DELETE tag
            }""");

    /**
     * Rows: {@code id, version, properties, ownerId, tagIds}. {@code TAGGED} is replaced as a whole by
     * {@code tagIds}; an item's {@code fileIds} are not used ({@link #UPSERT_FILES} decides {@code HAS_FILE}).
     */
    public static final String UPSERT_ITEMS = planOnce("""
            UNWIND $rows AS row
            MERGE (item:Item {id: row.id})
            WITH item, row, EXISTS { MATCH (:Tombstone {key: 'item:' + row.id}) } AS gone
            CALL (item, row, gone) {
              WITH item, row, gone
              WHERE NOT gone AND (item.version IS NULL OR item.version < row.version)
              SET item += row.properties, item.version = row.version
              WITH item, row
              CALL (item, row) {
                MATCH (former)-[owns:OWNS]->(item)
                WHERE former.id <> row.ownerId
                DELETE owns
              }
              CALL (item, row) {
                MERGE (owner:User {id: row.ownerId})
                WITH item, owner, EXISTS { MATCH (:Tombstone {key: 'user:' + row.ownerId}) } AS ownerGone
                FOREACH (_ IN CASE WHEN ownerGone THEN [] ELSE [1] END | MERGE (owner)-[:OWNS]->(item))
                FOREACH (_ IN CASE WHEN ownerGone THEN [1] ELSE [] END | DETACH DELETE owner)
              }
              CALL (item, row) {
                MATCH (item)-[tagged:TAGGED]->(former)
                WHERE NOT former.id IN row.tagIds
                DELETE tagged
              }
              CALL (item, row) {
                UNWIND row.tagIds AS tagId
                MERGE (tag:Tag {id: tagId})
                WITH item, tag, EXISTS { MATCH (:Tombstone {key: 'tag:' + tagId}) } AS tagGone
                FOREACH (_ IN CASE WHEN tagGone THEN [] ELSE [1] END | MERGE (item)-[:TAGGED]->(tag))
                FOREACH (_ IN CASE WHEN tagGone THEN [1] ELSE [] END | DETACH DELETE tag)
              }
            }
            CALL (item, gone) {
              WITH item, gone WHERE gone
              DETACH DELETE item
            }""");

    /** Rows: {@code id, version, properties, ownerId, itemId}; {@code itemId} null detaches the file. */
    public static final String UPSERT_FILES = planOnce("""
            UNWIND $rows AS row
            MERGE (file:File {id: row.id})
            WITH file, row, EXISTS { MATCH (:Tombstone {key: 'file:' + row.id}) } AS gone
            CALL (file, row, gone) {
              WITH file, row, gone
              WHERE NOT gone AND (file.version IS NULL OR file.version < row.version)
              SET file += row.properties, file.version = row.version
              WITH file, row
              CALL (file, row) {
                MATCH (former)-[uploaded:UPLOADED]->(file)
                WHERE former.id <> row.ownerId
                DELETE uploaded
              }
              CALL (file, row) {
                MERGE (owner:User {id: row.ownerId})
                WITH file, owner, EXISTS { MATCH (:Tombstone {key: 'user:' + row.ownerId}) } AS ownerGone
                FOREACH (_ IN CASE WHEN ownerGone THEN [] ELSE [1] END | MERGE (owner)-[:UPLOADED]->(file))
                FOREACH (_ IN CASE WHEN ownerGone THEN [1] ELSE [] END | DETACH DELETE owner)
              }
              CALL (file, row) {
                MATCH (former)-[has:HAS_FILE]->(file)
                WHERE row.itemId IS NULL OR former.id <> row.itemId
                DELETE has
              }
              CALL (file, row) {
                WITH file, row WHERE row.itemId IS NOT NULL
                MERGE (item:Item {id: row.itemId})
                WITH file, item, EXISTS { MATCH (:Tombstone {key: 'item:' + row.itemId}) } AS itemGone
                FOREACH (_ IN CASE WHEN itemGone THEN [] ELSE [1] END | MERGE (item)-[:HAS_FILE]->(file))
                FOREACH (_ IN CASE WHEN itemGone THEN [1] ELSE [] END | DETACH DELETE item)
              }
            }
            CALL (file, gone) {
              WITH file, gone WHERE gone
              DETACH DELETE file
            }""");

    // ---- deletions: the node and its relationships go, a tombstone stays ----

    /**
     * Rows: {@code key, type, id, version, deletedAt}. A deletion is an aggregate's last event, so it needs
     * no version guard against its own node; the fence drops anything that arrives for it later.
     */
    public static final Map<AggregateType, String> DELETE = Map.of(
            AggregateType.USER, delete("User"),
            AggregateType.ITEM, delete("Item"),
            AggregateType.TAG, delete("Tag"),
            AggregateType.FILE, delete("File"));

    private static String delete(String label) {
        return planOnce("""
                UNWIND $rows AS row
                MERGE (tombstone:Tombstone {key: row.key})
                ON CREATE SET tombstone.type = row.type, tombstone.id = row.id, tombstone.version = row.version,
                              tombstone.deletedAt = coalesce(row.deletedAt, datetime())
                WITH row
                MERGE (deleted:%s {id: row.id})
                DETACH DELETE deleted""".formatted(label));
    }

    public static final Map<AggregateType, String> UPSERT = Map.of(
            AggregateType.USER, UPSERT_USERS,
            AggregateType.ITEM, UPSERT_ITEMS,
            AggregateType.TAG, UPSERT_TAGS,
            AggregateType.FILE, UPSERT_FILES);
}
