package dev.trellis.bootstrap;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.application.RequestContext;
import dev.trellis.application.file.UploadFile;
import dev.trellis.application.item.CreateItem;
import dev.trellis.application.tag.CreateTag;
import dev.trellis.application.user.UpdateSettings;
import dev.trellis.bootstrap.command.SnapshotCommand;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar trellis-app.jar snapshot [--user=<id>]} appends one {@code *.snapshot} event per
 * aggregate (of everything, or of one user's share): the state of the aggregate's latest event, whoever
 * wrote that one (a use case or a V4 trigger), with the next version; an unknown user is refused.
 */
class SnapshotCommandTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    static final String DEMO_USER = "usr_demo00000001";
    static final String OTHER_USER = "Ba1Ba2Ba3Ba4Ba5Ba6Ba7Ba8Ba9Ba0AbCd";

    @TempDir
    Path dataDir;

    @Test
    void snapshots_everything_then_one_users_share_each_event_repeating_the_latest_state_with_the_next_version() throws Exception {
        DataSource database = TestPostgres.freshDatabase("snapshot_command");
        JdbcClient jdbc = JdbcClient.create(database);
        String[] connection = {"--spring.datasource.url=" + TestPostgres.server().getJdbcUrl("postgres", "snapshot_command"),
                "--spring.datasource.username=postgres"};
        writeEventsFromUseCasesAndTriggers(connection);

        long before = lastPosition(jdbc);
        Output all = snapshot(connection);

        assertThat(all.status()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo("Snapshot: 2 users, 4 items, 4 tags, 2 files → 12 events in the outbox; the relay publishes them\n");
        List<Row> first = eventsAfter(jdbc, before);
        assertThat(first).extracting(Row::type).containsOnly("user.snapshot", "item.snapshot", "tag.snapshot", "file.snapshot");
        assertThat(first).extracting(row -> row.aggregateType() + " " + row.aggregateId()).doesNotHaveDuplicates()
                .hasSize((int) (count(jdbc, "\"user\"") + count(jdbc, "items") + count(jdbc, "tags") + count(jdbc, "files")));
        for (Row snapshot : first) {
            Row latest = previous(jdbc, snapshot);
            assertThat(latest.type()).as("the event before %s", snapshot).doesNotEndWith(".deleted").doesNotEndWith(".snapshot");
            assertThat(normalized(snapshot.payload())).as("%s %s, after %s", snapshot.type(), snapshot.aggregateId(), latest.type())
                    .isEqualTo(normalized(latest.payload()));
            assertThat(snapshot.version()).isEqualTo(latest.version() + 1);
            assertThat(snapshot.traceParent()).isNull();
        }

        long between = lastPosition(jdbc);
        TrellisApplication.main(concat(new String[]{"snapshot", "--user=" + DEMO_USER}, connection));

        List<Row> mine = eventsAfter(jdbc, between);
        assertThat(mine).extracting(Row::type).containsOnly("user.snapshot", "item.snapshot", "tag.snapshot", "file.snapshot");
        assertThat(mine).filteredOn(row -> row.type().equals("user.snapshot")).extracting(Row::aggregateId).containsExactly(DEMO_USER);
        assertThat(mine).filteredOn(row -> row.type().equals("item.snapshot")).extracting(row -> row.payload().get("ownerId").asString())
                .hasSize(3).containsOnly(DEMO_USER);
        assertThat(mine).filteredOn(row -> row.type().equals("tag.snapshot")).hasSize(4);
        assertThat(mine).filteredOn(row -> row.type().equals("file.snapshot")).extracting(row -> row.payload().get("ownerId").asString())
                .containsExactly(DEMO_USER);
        for (Row snapshot : mine) {
            Row earlier = previous(jdbc, snapshot);
            assertThat(earlier.type()).isEqualTo(snapshot.type());
            assertThat(normalized(snapshot.payload())).isEqualTo(normalized(earlier.payload()));
            assertThat(snapshot.version()).isEqualTo(earlier.version() + 1);
        }
    }

    @Test
    void an_unknown_or_malformed_user_is_refused_with_status_2_and_nothing_is_written() throws Exception {
        DataSource database = TestPostgres.freshDatabase("snapshot_bad_user");
        JdbcClient jdbc = JdbcClient.create(database);
        String[] connection = {"--spring.datasource.url=" + TestPostgres.server().getJdbcUrl("postgres", "snapshot_bad_user"),
                "--spring.datasource.username=postgres"};
        TrellisApplication.main(concat(new String[]{"seed"}, connection));
        long before = lastPosition(jdbc);

        Output unknown = snapshot(concat(new String[]{"--user=usr_nobody000000"}, connection));
        Output malformed = snapshot(concat(new String[]{"--user=not a user!"}, connection));

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("Snapshot: no user usr_nobody000000; nothing was written\n");
        assertThat(unknown.out()).isEmpty();
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("Snapshot: 'not a user!' is not a user id (--user=usr_…); nothing was written\n");
        assertThat(lastPosition(jdbc)).isEqualTo(before);
    }

    /**
     * The demo data (by SQL: trigger events); a profile change, a tag, an item and a loose file through
     * the use cases; a Better Auth-style user with an item and its file written by hand in one transaction.
     */
    private void writeEventsFromUseCasesAndTriggers(String[] connection) throws Exception {
        TrellisApplication.main(concat(new String[]{"seed"}, connection));
        SpringApplication application = new SpringApplication(TrellisApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("BETTER_AUTH_SECRET", "a-test-secret-of-at-least-thirty-two-characters"));
        try (ConfigurableApplicationContext app = application.run(concat(connection, new String[]{"--trellis.data-dir=" + dataDir}))) {
            RequestContext demo = new RequestContext(new UserId(DEMO_USER), null);
            app.getBean(UpdateSettings.class).handle(demo,
                    new UpdateSettings.Command(null, Optional.of(Theme.DARK), Optional.of("fr"), Optional.empty()));
            Tag garden = app.getBean(CreateTag.class).handle(demo, new CreateTag.Command("Garden", "#00aa00"));
            app.getBean(CreateItem.class).handle(demo, new CreateItem.Command("Seeds", "to sow", "# March",
                    ItemStatus.PUBLISHED, "https://example.com/seeds.png", List.of(garden.id())));
            app.getBean(UploadFile.class).handle(demo, new UploadFile.Command("plan.png", "image/png",
                    new ByteArrayInputStream(HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001")), null));
        }
        try (Connection sql = TestPostgres.server().getDatabase("postgres", "snapshot_command").getConnection();
             Statement statement = sql.createStatement()) {
            sql.setAutoCommit(false);
            statement.execute("insert into \"user\" (id, name, email, email_verified, created_at, updated_at) values ('"
                    + OTHER_USER + "', 'From Better Auth', 'ba@example.com', false, now(), now())");
            statement.execute("insert into items (id, user_id, title) values ('itm_byhand000001', '" + OTHER_USER + "', 'By hand')");
            statement.execute("insert into item_tags values ('itm_byhand000001', 'tag_demowork')");
            statement.execute("insert into files (id, user_id, item_id, filename, storage_key, size, mime_type) values "
                    + "('fil_byhand000001', '" + OTHER_USER + "', 'itm_byhand000001', 'a.png', 'k/a', 3, 'image/png')");
            sql.commit();
        }
    }

    private static Output snapshot(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new SnapshotCommand(TrellisApplication.class).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Output(int status, String out, String err) {
    }

    record Row(long position, String aggregateType, String aggregateId, String type, JsonNode payload, String traceParent) {
        long version() {
            return payload.get("version").asLong();
        }
    }

    private static List<Row> eventsAfter(JdbcClient jdbc, long position) {
        return jdbc.sql("select position, aggregate_type, aggregate_id, event_type, payload::text, trace_parent from outbox"
                        + " where position > :position order by position")
                .param("position", position).query((rs, n) -> row(rs)).list();
    }

    /** The aggregate's event just before {@code event}. */
    private static Row previous(JdbcClient jdbc, Row event) {
        return jdbc.sql("select position, aggregate_type, aggregate_id, event_type, payload::text, trace_parent from outbox"
                        + " where aggregate_type = :type and aggregate_id = :id and position < :position order by position desc limit 1")
                .param("type", event.aggregateType()).param("id", event.aggregateId()).param("position", event.position())
                .query((rs, n) -> row(rs)).single();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), JSON.readTree(rs.getString(5)), rs.getString(6));
    }

    /**
     * The payload without its version, as plain values; timestamps as instants (every writer uses the
     * contract's six fraction digits now; the comparison is about the state, not its spelling).
     */
    private static Object normalized(JsonNode payload) {
        Map<String, Object> values = new LinkedHashMap<>();
        payload.properties().forEach(entry -> values.put(entry.getKey(), plain(entry.getValue())));
        values.remove("version");
        return values;
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            node.properties().forEach(entry -> values.put(entry.getKey(), plain(entry.getValue())));
            return values;
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.values().forEach(value -> values.add(plain(value)));
            return values;
        }
        if (node.isString() && TIMESTAMP.matcher(node.asString()).matches()) {
            return Instant.parse(node.asString());
        }
        return node.isNull() ? "null" : node.isNumber() ? node.numberValue().toString() : node.asString();
    }

    private static long lastPosition(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(position), 0) from outbox").query(Long.class).single();
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
