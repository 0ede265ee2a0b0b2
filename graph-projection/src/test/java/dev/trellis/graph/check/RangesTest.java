package dev.trellis.graph.check;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.graph.check.compare.IdRanges;
import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.DifferenceType;
import dev.trellis.graph.check.postgres.PostgresEndpoint;
import dev.trellis.graph.check.report.CheckReport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of items in many id ranges: only the ranges holding a difference are read again, and exactly
 * the planted differences are reported, also when the database sorts text in another order than code points.
 */
class RangesTest {

    static final String ALPHABET = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final int ITEMS = 3_000;

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final List<String> TAGS = List.of("tag_aaaaaaaa", "tag_BBBBBBBB", "tag_cccccccc");

    static CheckFixture fixture;
    static List<String> users;
    static List<String> itemIds;

    @BeforeAll
    static void stores() throws SQLException {
        fixture = new CheckFixture("graph_checker_ranges");
        Random random = new Random(7);
        users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(id("usr_", 12, random));
        }
        itemIds = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            itemIds.add(id("itm_", 12, random));
        }
        writePostgres(fixture.dataSource);
        writeGraph();
    }

    /** Users, tags and items with SQL; the triggers give every aggregate one event, version 1. */
    static void writePostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement user = connection.prepareStatement(
                    "insert into \"user\" (id, name, email, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < users.size(); i++) {
                    user.setString(1, users.get(i));
                    user.setString(2, "User " + i);
                    user.setString(3, "user" + i + "@example.com");
                    user.setObject(4, BASE.atOffset(ZoneOffset.UTC));
                    user.setObject(5, BASE.atOffset(ZoneOffset.UTC));
                    user.addBatch();
                }
                user.executeBatch();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into tags (id, name, created_at) values ('tag_aaaaaaaa', 'a', '2026-01-01Z'), "
                        + "('tag_BBBBBBBB', 'B', '2026-01-01Z'), ('tag_cccccccc', 'c', '2026-01-01Z')");
            }
            try (PreparedStatement item = connection.prepareStatement(
                    "insert into items (id, user_id, title, status, created_at, updated_at) values (?, ?, ?, 'draft', ?, ?)");
                 PreparedStatement tagged = connection.prepareStatement("insert into item_tags (item_id, tag_id) values (?, ?)")) {
                for (int i = 0; i < ITEMS; i++) {
                    item.setString(1, itemIds.get(i));
                    item.setString(2, users.get(i % users.size()));
                    item.setString(3, "Item " + i);
                    item.setObject(4, BASE.plus(i, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
                    item.setObject(5, BASE.plus(i, ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
                    item.addBatch();
                    for (int t = 0; t < i % 3; t++) {
                        tagged.setString(1, itemIds.get(i));
                        tagged.setString(2, TAGS.get((i + t) % 3));
                        tagged.addBatch();
                    }
                }
                item.executeBatch();
                tagged.executeBatch();
            }
            connection.commit();
        }
    }

    /** The equal graph, every aggregate at version 1. */
    static void writeGraph() {
        Instant base = BASE;
        List<String> tags = TAGS;
        List<Map<String, Object>> userRows = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            userRows.add(Map.of("id", users.get(i), "name", "User " + i, "email", "user" + i + "@example.com",
                    "at", base.atZone(ZoneOffset.UTC)));
        }
        fixture.cypher("""
                UNWIND $rows AS row CREATE (:User {id: row.id, name: row.name, email: row.email, emailVerified: false,
                    createdAt: row.at, updatedAt: row.at, timezone: 'UTC', theme: 'system', language: 'en', notificationsEnabled: true, version: 1})""",
                Map.of("rows", userRows));
        fixture.cypher("UNWIND $tags AS tag CREATE (:Tag {id: tag, name: substring(tag, 4, 1), color: '#6b7280', "
                + "createdAt: datetime('2026-01-01T00:00:00Z'), version: 1})", Map.of("tags", tags));
        List<Map<String, Object>> itemRows = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            List<String> itemTags = new ArrayList<>();
            for (int t = 0; t < i % 3; t++) {
                itemTags.add(tags.get((i + t) % 3));
            }
            Map<String, Object> row = new HashMap<>();
            row.put("id", itemIds.get(i));
            row.put("owner", users.get(i % users.size()));
            row.put("title", "Item " + i);
            row.put("createdAt", base.plus(i, ChronoUnit.MICROS).atZone(ZoneOffset.UTC));
            row.put("updatedAt", base.plus(i, ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
            row.put("tags", itemTags);
            itemRows.add(row);
        }
        fixture.cypher("""
                UNWIND $rows AS row
                MATCH (u:User {id: row.owner})
                CREATE (u)-[:OWNS]->(i:Item {id: row.id, title: row.title, status: 'draft', createdAt: row.createdAt,
                        updatedAt: row.updatedAt, version: 1})
                WITH i, row UNWIND row.tags AS tag MATCH (t:Tag {id: tag}) CREATE (i)-[:TAGGED]->(t)""", Map.of("rows", itemRows));
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private static String id(String prefix, int length, Random random) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static CheckReport check(PostgresEndpoint endpoint) {
        return new GraphChecker(endpoint, fixture.driver, null, GraphChecker.Options.defaults()).check();
    }

    @Test
    void only_the_ranges_that_hold_a_difference_are_read_again_and_exactly_the_differences_are_reported() {
        List<String> sorted = new ArrayList<>(itemIds);
        sorted.sort(IdRanges.CODE_POINT_ORDER);
        String changed = sorted.get(100);
        String behind = sorted.get(1_500);
        String extraTag = sorted.get(2_900);
        CheckReport equal = check(fixture.endpoint());
        assertThat(equal.differences()).isEmpty();
        assertThat(equal.work().ranges()).as("about 250 items a range, and one range for each smaller kind").isEqualTo(12 + 3);
        assertThat(equal.work().differingRanges()).isZero();
        try {
            fixture.cypher("MATCH (i:Item {id: $id}) SET i.title = 'Changed'", Map.of("id", changed));
            fixture.cypher("MATCH (i:Item {id: $id}) SET i.version = 0", Map.of("id", behind));
            fixture.cypher("MATCH (i:Item {id: $id}), (t:Tag {id: 'tag_BBBBBBBB'}) CREATE (i)-[:TAGGED]->(t)", Map.of("id", extraTag));

            CheckReport report = check(fixture.endpoint());

            assertThat(report.work().differingRanges()).isEqualTo(3);
            assertThat(report.differences()).extracting(Difference::type, Difference::aggregateId).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(DifferenceType.PROPERTY_DIFFERS, changed),
                    org.assertj.core.groups.Tuple.tuple(DifferenceType.VERSION_BEHIND, behind),
                    org.assertj.core.groups.Tuple.tuple(DifferenceType.RELATIONSHIP_EXTRA, extraTag));
        } finally {
            fixture.cypher("MATCH (i:Item {id: $id}) SET i.title = $title", Map.of("id", changed, "title", "Item " + itemIds.indexOf(changed)));
            fixture.cypher("MATCH (i:Item {id: $id}) SET i.version = 1", Map.of("id", behind));
            fixture.cypher("MATCH (:Item {id: $id})-[r:TAGGED]->(:Tag {id: 'tag_BBBBBBBB'}) DELETE r", Map.of("id", extraTag));
            fixture.cypher("MATCH (i:Item {id: $id}), (t:Tag {id: 'tag_BBBBBBBB'}) WHERE $tagged CREATE (i)-[:TAGGED]->(t)",
                    Map.of("id", extraTag, "tagged", taggedWithB(itemIds.indexOf(extraTag))));
        }
    }

    private static boolean taggedWithB(int item) {
        for (int t = 0; t < item % 3; t++) {
            if ((item + t) % 3 == 1) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_database_that_sorts_text_by_language_rules_is_still_ranged_by_code_point() throws SQLException {
        // the same data in a database whose default collation is ICU's English: 'a' < 'B' < 'c', unlike code points
        String name = "graph_checker_icu";
        try (Connection connection = TestPostgres.server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name + " template template0 locale_provider icu icu_locale 'en-US'");
        }
        DataSource icu = TestPostgres.server().getDatabase("postgres", name);
        Flyway.configure().dataSource(icu).locations("classpath:db/migration").load().migrate();
        writePostgres(icu);
        try (Connection connection = icu.getConnection(); Statement statement = connection.createStatement();
             var result = statement.executeQuery("select 'a' < 'B', 'a' collate \"C\" < 'B'")) {
            result.next();
            assertThat(result.getBoolean(1)).isTrue();
            assertThat(result.getBoolean(2)).isFalse();
        }
        PostgresEndpoint endpoint = new PostgresEndpoint("jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + name, "postgres", null);
        List<String> sorted = new ArrayList<>(itemIds);
        sorted.sort(IdRanges.CODE_POINT_ORDER);
        List<String> changed = List.of(sorted.get(10), sorted.get(1_000), sorted.get(2_000));
        try {
            fixture.cypher("UNWIND $ids AS id MATCH (i:Item {id: id}) SET i.title = 'Changed'", Map.of("ids", changed));

            CheckReport report = check(endpoint);

            assertThat(report.differences()).extracting(Difference::type, Difference::aggregateId).containsExactlyInAnyOrder(
                    changed.stream().map(id -> org.assertj.core.groups.Tuple.tuple(DifferenceType.PROPERTY_DIFFERS, id)).toArray(
                            org.assertj.core.groups.Tuple[]::new));
        } finally {
            for (String id : changed) {
                fixture.cypher("MATCH (i:Item {id: $id}) SET i.title = $title", Map.of("id", id, "title", "Item " + itemIds.indexOf(id)));
            }
        }
    }
}
