package dev.trellis.graph.neo4j;

import dev.trellis.event.consumer.fence.AggregateKey;
import dev.trellis.event.consumer.fence.Applied;
import dev.trellis.event.consumer.fence.AppliedVersions;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.fence.BatchPlanner;
import dev.trellis.event.contract.AggregateType;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.TrellisEvent;
import dev.trellis.event.contract.payload.EventPayload;
import dev.trellis.event.contract.payload.FileDeleted;
import dev.trellis.event.contract.payload.FileState;
import dev.trellis.event.contract.payload.ItemDeleted;
import dev.trellis.event.contract.payload.ItemState;
import dev.trellis.event.contract.payload.TagDeleted;
import dev.trellis.event.contract.payload.TagState;
import dev.trellis.event.contract.payload.UserDeleted;
import dev.trellis.event.contract.payload.UserState;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one batch of events to the graph in one Neo4j transaction: it reads the version fence of the
 * batch's aggregates (one query per label, one for the tombstones), plans the batch against it (the
 * kit's {@link BatchPlanner}: the newest event per aggregate, duplicates and deleted aggregates dropped,
 * gaps reported), then runs one {@link GraphStatements} statement per kind with all its rows. The fence,
 * the changes and the new versions commit together, so an event is applied once however often Kafka
 * delivers it.
 */
public final class GraphWriter {

    /** Upserts first, referenced nodes before the nodes that name them; deletions last (a batch's deletion wins). */
    private static final List<AggregateType> UPSERT_ORDER =
            List.of(AggregateType.USER, AggregateType.TAG, AggregateType.ITEM, AggregateType.FILE);

    private final Driver driver;
    private final SessionConfig sessionConfig;

    /** @param database the database to write, or null for the server's default */
    public GraphWriter(Driver driver, String database) {
        this.driver = driver;
        this.sessionConfig = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
    }

    /**
     * Applies the batch, retrying the whole transaction on Neo4j's transient errors (a deadlock with
     * another instance, a leader switch); what the planner decided is returned once committed.
     */
    public BatchPlan write(List<TrellisEvent> batch) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> apply(tx, batch));
        }
    }

    /**
     * Plans every statement once, in a transaction that is rolled back: Neo4j plans a statement on its first
     * run (seconds for these, on a busy machine), which would otherwise delay the first batch's events.
     */
    public void warmUp() {
        Instant now = Instant.now();
        String id = "warm up"; // no Trellis id has a space: no real node is touched, not even briefly locked
        List<EventPayload> created = List.of(
                new UserState(1, id, "", "", false, null, now, now, new UserState.Profile(null, null, "UTC"),
                        new UserState.Settings(UserState.Theme.SYSTEM, "en", false), 1),
                new TagState(1, id, "", "#000000", id, now, 1),
                new ItemState(1, id, id, "", null, null, ItemState.Status.DRAFT, null, List.of(id), List.of(), now, now, 1),
                new FileState(1, id, id, id, "", null, 0, "text/plain", now, 1));
        List<EventPayload> deleted = List.of(new UserDeleted(1, id, true, 2), new TagDeleted(1, id, null, true, 2),
                new ItemDeleted(1, id, id, true, 2), new FileDeleted(1, id, id, true, 2));
        try (Session session = driver.session(sessionConfig); Transaction tx = session.beginTransaction()) {
            apply(tx, created.stream().map(payload -> event(payload, now)).toList());
            apply(tx, deleted.stream().map(payload -> event(payload, now)).toList());
            tx.rollback();
        }
    }

    private static TrellisEvent event(EventPayload payload, Instant time) {
        EventType type = Arrays.stream(EventType.values())
                .filter(candidate -> candidate.payloadType() == payload.getClass() && !candidate.isSnapshot())
                .findFirst().orElseThrow();
        return new TrellisEvent("warm-up", type, null, payload.id(), time, null, payload.schemaVersion(), null, payload);
    }

    /** The batch inside a transaction the caller owns (and commits). */
    public BatchPlan apply(SimpleQueryRunner tx, List<TrellisEvent> batch) {
        BatchPlan plan = BatchPlanner.plan(batch, appliedVersions(tx));
        for (AggregateType type : UPSERT_ORDER) {
            run(tx, GraphStatements.UPSERT.get(type), plan.upserts(type).stream().map(GraphRows::upsert).toList());
        }
        for (AggregateType type : AggregateType.values()) {
            run(tx, GraphStatements.DELETE.get(type), plan.deletions(type).stream().map(GraphRows::deletion).toList());
        }
        return plan;
    }

    private static void run(SimpleQueryRunner tx, String statement, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(statement, Map.of("rows", rows)).consume();
        }
    }

    /** The fence as the graph holds it: a node's {@code version}, a tombstone's {@code version}. */
    static AppliedVersions appliedVersions(SimpleQueryRunner tx) {
        return keys -> {
            Map<AggregateType, List<String>> idsByType = new EnumMap<>(AggregateType.class);
            List<String> tombstoneKeys = new ArrayList<>();
            for (AggregateKey key : keys) {
                idsByType.computeIfAbsent(key.type(), type -> new ArrayList<>()).add(key.id());
                tombstoneKeys.add(GraphRows.tombstoneKey(key.type().code(), key.id()));
            }
            Map<AggregateKey, Applied> applied = new HashMap<>();
            idsByType.forEach((type, ids) -> {
                for (Record record : tx.run(GraphStatements.APPLIED_VERSIONS.get(type), Map.of("ids", ids)).list()) {
                    applied.put(new AggregateKey(type, record.get("id").asString()), new Applied(record.get("version").asLong(), false));
                }
            });
            for (Record record : tx.run(GraphStatements.TOMBSTONES, Map.of("keys", tombstoneKeys)).list()) {
                String key = record.get("key").asString();
                int colon = key.indexOf(':');
                AggregateType type = AggregateType.fromCode(key.substring(0, colon)).orElseThrow();
                applied.put(new AggregateKey(type, key.substring(colon + 1)), new Applied(record.get("version").asLong(), true));
            }
            return applied;
        };
    }
}
