package dev.trellis.graph.check;

import dev.trellis.graph.check.report.CheckReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the checker takes at the benchmark's scale, printed, never asserted: 10,000 users, 1,000,000 items
 * with one to three of 50 tags each, 100,000 files (most attached to an item), the equal graph in the embedded
 * Neo4j; checked twice with no difference (the first run includes the JIT's and Cypher's warm-up), then with
 * about a hundred planted differences.
 * <p>
 * Not part of {@code verify} (its name is not a test name, and it needs {@code -Dbenchmark=true}):
 * <pre>
 * ./mvnw -pl graph-projection -am test -Dbenchmark=true -Dtest=GraphCheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dbenchmark.users} (10000), {@code -Dbenchmark.items} (1000000), {@code -Dbenchmark.files} (100000) change it.
 * <p>
 * PostgreSQL is filled with SQL ({@code generate_series}) with the triggers off (replica role), each aggregate's
 * version written to {@code aggregate_version} directly; the graph is written from PostgreSQL's rows with
 * {@code UNWIND} batches of 10,000, the way GRAPH.md describes it. Ids look like Trellis's (prefix and 12
 * URL-safe characters). Figures go to the console and to {@code graph-projection/target/graph-check-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphCheckBenchmark {

    static final int USERS = Integer.getInteger("benchmark.users", 10_000);
    static final int ITEMS = Integer.getInteger("benchmark.items", 1_000_000);
    static final int FILES = Integer.getInteger("benchmark.files", 100_000);
    static final int TAGS = 50;
    static final int BATCH = 10_000;
    static final Path REPORT = Path.of("target/graph-check-benchmark.txt");

    static CheckFixture fixture;
    static long postmasterPid;

    @BeforeAll
    static void fill() throws Exception {
        Files.deleteIfExists(REPORT);
        fixture = new CheckFixture("graph_check_benchmark");
        try (Connection connection = fixture.dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            String[] stat = stat(Path.of("/proc", Integer.toString(result.getInt(1))));
            postmasterPid = stat == null ? -1 : Long.parseLong(stat[1]);
        }
        print(String.format(Locale.ROOT, "Graph check benchmark: %,d users, %,d items, %d tags, %,d files; %d cores, JVM heap %,d MB",
                USERS, ITEMS, TAGS, FILES, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        long started = System.nanoTime();
        fillPostgres();
        print(String.format(Locale.ROOT, "PostgreSQL filled in %.0f s: %,d item tags, %,d files on items", seconds(started),
                fixture.sqlLong("select count(*) from item_tags"), fixture.sqlLong("select count(*) from files where item_id is not null")));
        started = System.nanoTime();
        fillGraph();
        print(String.format(Locale.ROOT, "Graph filled in %.0f s", seconds(started)));
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void no_difference() {
        for (int run = 1; run <= 2; run++) {
            CheckReport report = check("no difference, run " + run + (run == 1 ? " (cold: JIT and query plans)" : ""));
            assertThat(report.differences()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void about_a_hundred_planted_differences() {
        // 20 items with a changed title, 20 items gone, 20 extra files, 20 TAGGED gone, 20 users a version behind
        fixture.cypher("MATCH (i:Item) WITH i ORDER BY i.createdAt LIMIT 20 SET i.title = i.title + ' (changed)'");
        fixture.cypher("MATCH (i:Item) WITH i ORDER BY i.updatedAt DESC LIMIT 20 DETACH DELETE i");
        fixture.cypher("UNWIND range(1, 20) AS n CREATE (:File {id: 'fil_planted' + n, filename: 'x', size: 1, mimeType: 'text/plain', "
                + "createdAt: datetime(), version: 1})");
        fixture.cypher("MATCH (i:Item {status: 'archived'})-[t:TAGGED]->() WITH t LIMIT 20 DELETE t");
        fixture.cypher("MATCH (u:User) WITH u ORDER BY u.email LIMIT 20 SET u.version = u.version - 1");

        CheckReport report = check("about 100 planted differences");

        assertThat(report.differences()).isNotEmpty();
    }

    private static CheckReport check(String title) {
        String load = loadAverage();
        long cpuBefore = processCpuNanos();
        long postgresBefore = postgresCpuTicks();
        CheckReport report = new GraphChecker(fixture.endpoint(), fixture.driver, null, GraphChecker.Options.defaults()).check();
        long cpu = processCpuNanos() - cpuBefore;
        double postgresCpu = (postgresCpuTicks() - postgresBefore) / 100.0;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        report.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), 5);
        print("");
        print("== " + title + String.format(Locale.ROOT, ": %.1f s; CPU: %.1f s this JVM (checker and embedded Neo4j), "
                        + "%.1f s PostgreSQL; load average before: %s", report.elapsed().toMillis() / 1000.0, cpu / 1e9, postgresCpu, load));
        print(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).stripTrailing());
        return report;
    }

    /** The machine is shared: the load before a run says how much of the two cores the run could have. */
    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * PostgreSQL's CPU in clock ticks (1/100 s): the postmaster's own and its reaped backends' (cutime, cstime),
     * and the live backends'. Linux only; 0 elsewhere.
     */
    private static long postgresCpuTicks() {
        try {
            long ticks = postmasterTicks();
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                    String[] stat = stat(process);
                    if (stat != null && Long.parseLong(stat[1]) == postmasterPid) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                }
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] stat(Path process) {
        try {
            String text = Files.readString(process.resolve("stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null; // the process ended meanwhile
        }
    }

    private static long postmasterTicks() {
        String[] stat = stat(Path.of("/proc", Long.toString(postmasterPid)));
        return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    // --- data ---

    /** A Trellis-like id: the prefix and 12 URL-safe characters derived from n. */
    private static String idSql(String prefix, String n) {
        return "'" + prefix + "' || substr(translate(encode(sha256(('" + prefix + "' || " + n + ")::bytea), 'base64'), '+/', '-_'), 1, 12)";
    }

    private static void fillPostgres() throws SQLException {
        try (Connection connection = fixture.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local session_replication_role = replica"); // no event triggers, no user_defaults
            statement.execute("select setseed(0.42)");
            statement.execute("create temporary table user_ids on commit drop as select g, " + idSql("usr_", "g") + " as id from generate_series(1, " + USERS + ") g");
            statement.execute("create temporary table tag_ids on commit drop as select g, " + idSql("tag_", "g") + " as id from generate_series(1, " + TAGS + ") g");
            statement.execute("create temporary table item_ids on commit drop as select g, " + idSql("itm_", "g") + " as id from generate_series(1, " + ITEMS + ") g");
            statement.execute("create index on user_ids (g)");
            statement.execute("create index on item_ids (g)");
            statement.execute("""
                    insert into "user" (id, name, email, email_verified, image, created_at, updated_at)
                    select id, 'Bench User ' || g, 'bench-' || g || '@example.com', g % 3 = 0,
                           case when g % 4 = 0 then 'https://img.example/' || g || '.png' end,
                           timestamptz '2025-01-01' + g * interval '1 second 1 microsecond', timestamptz '2025-06-01' + g * interval '1 second'
                    from user_ids""");
            statement.execute("""
                    insert into user_profile (user_id, bio, website, timezone)
                    select id, case when g % 2 = 0 then 'Bio of ' || g end, null, case when g % 5 = 0 then 'Europe/Berlin' else 'UTC' end from user_ids""");
            statement.execute("""
                    insert into user_settings (user_id, theme, language, notifications_enabled)
                    select id, (array['light', 'dark', 'system'])[1 + g % 3]::theme, 'en', g % 7 <> 0 from user_ids""");
            statement.execute("""
                    insert into tags (id, name, color, created_at, created_by)
                    select t.id, 'Tag ' || t.g, '#' || lpad(to_hex(t.g * 5003), 6, '0'), timestamptz '2025-01-01' + t.g * interval '1 minute',
                           case when t.g % 2 = 0 then u.id end
                    from tag_ids t join user_ids u on u.g = t.g""");
            statement.execute("""
                    insert into items (id, user_id, title, description, content, status, image_url, created_at, updated_at)
                    select i.id, u.id, 'Item ' || i.g, 'Synthetic item number ' || i.g,
                           case when i.g %% 3 = 0 then null else 'Some content for item ' || i.g || ', as long as a short note is.' end,
                           (case when i.g %% 10 < 5 then 'published' when i.g %% 10 < 8 then 'draft' else 'archived' end)::item_status,
                           case when i.g %% 10 = 0 then 'https://img.example/items/' || i.g || '.png' end,
                           timestamptz '2025-01-01' + i.g * interval '17 seconds 3 microseconds', timestamptz '2025-01-02' + i.g * interval '17 seconds 5 microseconds'
                    from item_ids i join user_ids u on u.g = 1 + (i.g - 1) %% %d""".formatted(USERS));
            statement.execute("""
                    insert into item_tags (item_id, tag_id)
                    select i.id, t.id from item_ids i cross join lateral generate_series(0, i.g %% 3) k
                    join tag_ids t on t.g = 1 + (i.g * 7 + k * 13) %% %d
                    on conflict do nothing""".formatted(TAGS));
            statement.execute("""
                    insert into files (id, user_id, item_id, filename, storage_key, url, size, mime_type, created_at)
                    select %s, u.id, case when f.g %% 10 < 7 then i.id end, 'file-' || f.g || '.png', 'k/' || f.g,
                           'https://files.example/' || f.g, f.g * 37 %% 100000, 'image/png', timestamptz '2025-03-01' + f.g * interval '1 second'
                    from generate_series(1, %d) f(g)
                    join user_ids u on u.g = 1 + (f.g - 1) %% %d
                    join item_ids i on i.g = 1 + (f.g * 7919) %% %d""".formatted(idSql("fil_", "f.g"), FILES, USERS, ITEMS));
            statement.execute("""
                    insert into aggregate_version (aggregate_type, aggregate_id, version)
                    select 'user', id, 1 + g % 3 from user_ids
                    union all select 'tag', id, 1 from tag_ids
                    union all select 'item', id, 1 + g % 4 from item_ids
                    union all select 'file', id, 1 from files""");
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("vacuum (analyze) \"user\", user_profile, user_settings, tags, items, item_tags, files, aggregate_version");
        }
    }

    private static void fillGraph() throws SQLException {
        fixture.emptyGraph();
        copy("""
                select u.id, av.version, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at, p.bio, p.website, p.timezone,
                       s.theme::text, s.language, s.notifications_enabled
                from "user" u join user_profile p on p.user_id = u.id join user_settings s on s.user_id = u.id
                join aggregate_version av on av.aggregate_type = 'user' and av.aggregate_id = u.id""",
                List.of("id", "version", "name", "email", "emailVerified", "image", "createdAt", "updatedAt", "bio", "website", "timezone",
                        "theme", "language", "notificationsEnabled"),
                "UNWIND $rows AS row CREATE (n:User) SET n = row");
        copy("""
                select t.id, av.version, t.name, t.color, t.created_at, t.created_by from tags t
                join aggregate_version av on av.aggregate_type = 'tag' and av.aggregate_id = t.id""",
                List.of("id", "version", "name", "color", "createdAt", "createdBy"),
                "UNWIND $rows AS row CREATE (n:Tag) SET n = row {.*, createdBy: null} "
                        + "WITH n, row WHERE row.createdBy IS NOT NULL MATCH (u:User {id: row.createdBy}) CREATE (u)-[:CREATED]->(n)");
        copy("""
                select i.id, av.version, i.title, i.description, i.content, i.status::text, i.image_url, i.created_at, i.updated_at, i.user_id,
                       array(select it.tag_id from item_tags it where it.item_id = i.id)
                from items i join aggregate_version av on av.aggregate_type = 'item' and av.aggregate_id = i.id""",
                List.of("id", "version", "title", "description", "content", "status", "imageUrl", "createdAt", "updatedAt", "ownerId", "tagIds"),
                "UNWIND $rows AS row CREATE (n:Item) SET n = row {.*, ownerId: null, tagIds: null} "
                        + "WITH n, row MATCH (u:User {id: row.ownerId}) CREATE (u)-[:OWNS]->(n) "
                        + "WITH n, row UNWIND row.tagIds AS tagId MATCH (t:Tag {id: tagId}) CREATE (n)-[:TAGGED]->(t)");
        copy("""
                select f.id, av.version, f.filename, f.url, f.size, f.mime_type, f.created_at, f.user_id, f.item_id from files f
                join aggregate_version av on av.aggregate_type = 'file' and av.aggregate_id = f.id""",
                List.of("id", "version", "filename", "url", "size", "mimeType", "createdAt", "ownerId", "itemId"),
                "UNWIND $rows AS row CREATE (n:File) SET n = row {.*, ownerId: null, itemId: null} "
                        + "WITH n, row MATCH (u:User {id: row.ownerId}) CREATE (u)-[:UPLOADED]->(n) "
                        + "WITH n, row WHERE row.itemId IS NOT NULL MATCH (i:Item {id: row.itemId}) CREATE (i)-[:HAS_FILE]->(n)");
    }

    /** Reads rows from PostgreSQL and writes them with the Cypher, {@link #BATCH} at a time; SQL nulls become absent properties. */
    private static void copy(String sql, List<String> names, String cypher) throws SQLException {
        try (Connection connection = fixture.dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            statement.setFetchSize(BATCH);
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        Object value = result.getObject(i + 1);
                        if (value instanceof java.sql.Timestamp) {
                            value = result.getObject(i + 1, OffsetDateTime.class).atZoneSameInstant(ZoneOffset.UTC);
                        } else if (value instanceof Array array) {
                            value = List.of((Object[]) array.getArray());
                        } else if (value instanceof Integer number) {
                            value = number.longValue();
                        }
                        row.put(names.get(i), value);
                    }
                    rows.add(row);
                    if (rows.size() == BATCH) {
                        fixture.cypher(cypher, Map.of("rows", rows));
                        rows = new ArrayList<>();
                    }
                }
                if (!rows.isEmpty()) {
                    fixture.cypher(cypher, Map.of("rows", rows));
                }
            }
            connection.commit();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void print(String line) {
        System.out.println(line);
        try {
            Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
