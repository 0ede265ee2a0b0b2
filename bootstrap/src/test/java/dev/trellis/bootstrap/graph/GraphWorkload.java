package dev.trellis.bootstrap.graph;

import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.relay.FaultKit;
import dev.trellis.domain.shared.Ids;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A random mix of every change the graph must follow, from a seed (so a failing run can be replayed):
 * through the application's REST API as signed-in users (items, their status, tags and files, tags,
 * files, profiles, deletions, a user deleting their account) and by plain SQL beside it (the writes
 * the V4 triggers report: updates, tag links, a tag deleted under its items, items inserted by hand,
 * a user deleted with all they own). It keeps no truth of its own: the checker compares the graph
 * with PostgreSQL. Answers that a race explains (404 for what SQL deleted, 409 for a refused status
 * move or a tag in use) are expected; a 5xx is a failure.
 */
final class GraphWorkload {

    enum Operation {
        SIGN_UP, CREATE_ITEM, UPDATE_ITEM, MOVE_STATUS, ATTACH_TAG, DETACH_TAG, CREATE_TAG, RECOLOUR_TAG, DELETE_TAG,
        UPLOAD_FILE, ATTACH_FILE, DETACH_FILE, DELETE_FILE, DELETE_ITEM, UPDATE_PROFILE, DELETE_ACCOUNT,
        SQL_UPDATE_ITEM, SQL_LINK_TAG, SQL_UNLINK_TAG, SQL_DELETE_TAG, SQL_INSERT_ITEM, SQL_RENAME_USER, SQL_DELETE_USER
    }

    private static final String PASSWORD = "password-123";
    private static final String[] STATUSES = {"draft", "published", "archived"};

    private final Random random;
    private final String jdbcUrl;
    private int port;
    private final List<Person> people = new ArrayList<>();
    private final Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
    private int sequence;

    private record Person(String id, Browser browser) {
    }

    GraphWorkload(long seed, String jdbcUrl, int port) {
        this.random = new Random(seed);
        this.jdbcUrl = jdbcUrl;
        this.port = port;
    }

    /** Runs {@code count} random operations, REST ones only when {@code restAvailable} (the application is up). */
    void run(int count, boolean restAvailable) throws Exception {
        for (int i = 0; i < count; i++) {
            Operation operation = pick(restAvailable);
            perform(operation);
            counts.merge(operation, 1, Integer::sum);
        }
    }

    /** Writes an item whose event is larger than the topic accepts: the relay parks it. Its next event is small. */
    String createOversizedItem(int contentBytes) throws Exception {
        Person person = someone();
        String content = "x".repeat(contentBytes);
        var created = person.browser().post("/api/items", "{\"title\":\"Too large for the topic\",\"content\":\"" + content + "\"}");
        expect(created, 201);
        String itemId = created.json().get("id").asString();
        expect(person.browser().patch("/api/items/" + itemId, "{\"content\":\"small again\"}"), 200);
        return itemId;
    }

    void signUp(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            perform(Operation.SIGN_UP);
        }
    }

    Map<Operation, Integer> counts() {
        return new TreeMap<>(counts);
    }

    int operations() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How often each operation comes up: mostly growth and changes, some deletions, so the final graph is rich. */
    private static final Map<Operation, Integer> WEIGHTS = weights();

    private static Map<Operation, Integer> weights() {
        Map<Operation, Integer> weights = new EnumMap<>(Operation.class);
        weights.put(Operation.SIGN_UP, 1);
        weights.put(Operation.CREATE_ITEM, 12);
        weights.put(Operation.UPDATE_ITEM, 6);
        weights.put(Operation.MOVE_STATUS, 5);
        weights.put(Operation.ATTACH_TAG, 7);
        weights.put(Operation.DETACH_TAG, 3);
        weights.put(Operation.CREATE_TAG, 5);
        weights.put(Operation.RECOLOUR_TAG, 3);
        weights.put(Operation.DELETE_TAG, 1);
        weights.put(Operation.UPLOAD_FILE, 6);
        weights.put(Operation.ATTACH_FILE, 4);
        weights.put(Operation.DETACH_FILE, 2);
        weights.put(Operation.DELETE_FILE, 2);
        weights.put(Operation.DELETE_ITEM, 3);
        weights.put(Operation.UPDATE_PROFILE, 3);
        weights.put(Operation.DELETE_ACCOUNT, 1);
        weights.put(Operation.SQL_UPDATE_ITEM, 4);
        weights.put(Operation.SQL_LINK_TAG, 4);
        weights.put(Operation.SQL_UNLINK_TAG, 2);
        weights.put(Operation.SQL_DELETE_TAG, 1);
        weights.put(Operation.SQL_INSERT_ITEM, 3);
        weights.put(Operation.SQL_RENAME_USER, 2);
        weights.put(Operation.SQL_DELETE_USER, 1);
        return weights;
    }

    private Operation pick(boolean restAvailable) {
        if (restAvailable && people.size() < 5) {
            return Operation.SIGN_UP;
        }
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        while (true) {
            int ticket = random.nextInt(total);
            Operation operation = null;
            for (Map.Entry<Operation, Integer> weight : WEIGHTS.entrySet()) {
                ticket -= weight.getValue();
                if (ticket < 0) {
                    operation = weight.getKey();
                    break;
                }
            }
            boolean rest = !operation.name().startsWith("SQL_");
            if (rest && !restAvailable) {
                continue;
            }
            // a user deletion takes everything they own: keep a few users alive
            if ((operation == Operation.DELETE_ACCOUNT || operation == Operation.SQL_DELETE_USER) && people.size() < 4) {
                continue;
            }
            return operation;
        }
    }

    private void perform(Operation operation) throws Exception {
        switch (operation) {
            case SIGN_UP -> {
                Browser browser = new Browser(port, "http://localhost:" + port);
                String email = "graph" + (++sequence) + "-" + System.nanoTime() + "@example.com";
                var signUp = browser.post("/api/auth/sign-up/email",
                        "{\"name\":\"Graph " + sequence + "\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
                expect(signUp, 200);
                people.add(new Person(signUp.json().get("user").get("id").asString(), browser));
            }
            case CREATE_ITEM -> {
                List<String> tags = randomTags(random.nextInt(4));
                String body = "{\"title\":\"Item " + (++sequence) + "\",\"status\":\"" + (random.nextBoolean() ? "draft" : "published")
                        + "\",\"description\":" + (random.nextBoolean() ? "null" : "\"about " + sequence + "\"")
                        + ",\"tagIds\":" + json(tags) + "}";
                expect(someone().browser().post("/api/items", body), 201, 404);
            }
            case UPDATE_ITEM -> ownItem((person, item) -> person.browser().patch("/api/items/" + item,
                    "{\"title\":\"Renamed " + (++sequence) + "\",\"content\":" + (random.nextBoolean() ? "null" : "\"text " + sequence + "\"") + "}"));
            case MOVE_STATUS -> ownItem((person, item) -> person.browser().patch("/api/items/" + item,
                    "{\"status\":\"" + STATUSES[random.nextInt(STATUSES.length)] + "\"}"));
            case ATTACH_TAG -> {
                String tag = oneOf(randomTags(1));
                if (tag != null) {
                    ownItem((person, item) -> person.browser().put("/api/items/" + item + "/tags/" + tag));
                }
            }
            case DETACH_TAG -> {
                String[] link = sqlRow("select it.item_id, it.tag_id, i.user_id from item_tags it join items i on i.id = it.item_id "
                        + "order by random() limit 1");
                Person owner = link == null ? null : person(link[2]);
                if (owner != null) {
                    expect(owner.browser().delete("/api/items/" + link[0] + "/tags/" + link[1]), 204, 404);
                }
            }
            case CREATE_TAG -> expect(someone().browser().post("/api/tags",
                    "{\"name\":\"tag-" + (++sequence) + "-" + random.nextInt(1000) + "\",\"color\":\"" + color() + "\"}"), 201, 409);
            case RECOLOUR_TAG -> ownTag((person, tag) -> person.browser().patch("/api/tags/" + tag, "{\"color\":\"" + color() + "\"}"));
            case DELETE_TAG -> ownTag((person, tag) -> person.browser().delete("/api/tags/" + tag));
            case UPLOAD_FILE -> {
                Person person = someone();
                String item = sqlValue("select id from items where user_id = ? order by random() limit 1", person.id());
                Map<String, String> fields = item != null && random.nextBoolean() ? Map.of("itemId", item) : Map.of();
                expect(person.browser().upload("/api/files", "note-" + (++sequence) + ".txt", "text/plain",
                        ("file " + sequence).getBytes(StandardCharsets.UTF_8), fields), 201, 404);
            }
            case ATTACH_FILE -> ownFile((person, file) -> {
                String item = sqlValue("select id from items where user_id = ? order by random() limit 1", person.id());
                return person.browser().patch("/api/files/" + file, "{\"itemId\":" + (item == null ? "null" : "\"" + item + "\"") + "}");
            });
            case DETACH_FILE -> ownFile((person, file) -> person.browser().patch("/api/files/" + file, "{\"itemId\":null}"));
            case DELETE_FILE -> ownFile((person, file) -> person.browser().delete("/api/files/" + file));
            case DELETE_ITEM -> ownItem((person, item) -> person.browser().delete("/api/items/" + item));
            case UPDATE_PROFILE -> {
                Person person = someone();
                if (random.nextBoolean()) {
                    expect(person.browser().patch("/api/me/profile", "{\"bio\":\"bio " + (++sequence) + "\"}"), 200, 401);
                } else {
                    expect(person.browser().patch("/api/me/settings",
                            "{\"theme\":\"" + (random.nextBoolean() ? "dark" : "light") + "\"}"), 200, 401);
                }
            }
            case DELETE_ACCOUNT -> {
                Person person = people.remove(random.nextInt(people.size()));
                expect(person.browser().post("/api/auth/delete-user", "{\"password\":\"" + PASSWORD + "\"}"), 200, 401);
            }
            case SQL_UPDATE_ITEM -> sql("update items set title = ?, updated_at = now() where id = (select id from items order by random() limit 1)",
                    "By hand " + (++sequence));
            case SQL_LINK_TAG -> sql("insert into item_tags (item_id, tag_id) select i.id, t.id from (select id from items order by random() limit 1) i, "
                    + "(select id from tags order by random() limit 1) t on conflict do nothing");
            case SQL_UNLINK_TAG -> sql("delete from item_tags where (item_id, tag_id) = (select item_id, tag_id from item_tags order by random() limit 1)");
            case SQL_DELETE_TAG -> sql("delete from tags where id = (select id from tags order by random() limit 1)");
            case SQL_INSERT_ITEM -> sql("insert into items (id, user_id, title, status) select ?, id, ?, 'draft' from \"user\" order by random() limit 1",
                    "itm_" + Ids.nanoid(12), "Inserted by hand " + (++sequence));
            case SQL_RENAME_USER -> sql("update \"user\" set name = ?, updated_at = now() where id = (select id from \"user\" order by random() limit 1)",
                    "Renamed by hand " + (++sequence));
            case SQL_DELETE_USER -> {
                Person person = people.remove(random.nextInt(people.size()));
                sql("delete from \"user\" where id = ?", person.id());
            }
        }
    }

    private interface Call {
        Browser.Response send(Person person, String id) throws Exception;
    }

    private void ownItem(Call call) throws Exception {
        Person person = someone();
        String item = sqlValue("select id from items where user_id = ? order by random() limit 1", person.id());
        if (item != null) {
            expect(call.send(person, item), 200, 204, 404, 409);
        }
    }

    private void ownTag(Call call) throws Exception {
        String[] tag = sqlRow("select id, created_by from tags where created_by is not null order by random() limit 1");
        Person creator = tag == null ? null : person(tag[1]);
        if (creator != null) {
            expect(call.send(creator, tag[0]), 200, 204, 404, 409);
        }
    }

    private void ownFile(Call call) throws Exception {
        Person person = someone();
        String file = sqlValue("select id from files where user_id = ? order by random() limit 1", person.id());
        if (file != null) {
            expect(call.send(person, file), 200, 204, 404);
        }
    }

    private Person someone() throws Exception {
        if (people.isEmpty()) {
            perform(Operation.SIGN_UP);
        }
        return people.get(random.nextInt(people.size()));
    }

    private Person person(String id) {
        return people.stream().filter(person -> person.id().equals(id)).findFirst().orElse(null);
    }

    private List<String> randomTags(int count) throws SQLException {
        List<String> tags = new ArrayList<>();
        try (Connection connection = FaultKit.connect(jdbcUrl);
             PreparedStatement select = connection.prepareStatement("select id from tags order by random() limit ?")) {
            select.setInt(1, count);
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
        }
        return tags;
    }

    private String color() {
        return String.format("#%06x", random.nextInt(0x1000000));
    }

    private static String oneOf(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static String json(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").reduce((a, b) -> a + "," + b).map(list -> "[" + list + "]").orElse("[]");
    }

    private static void expect(Browser.Response response, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                return;
            }
        }
        throw new AssertionError("unexpected " + response.status() + " from " + response.raw().request().method() + " "
                + response.raw().uri().getPath() + ": " + response.body());
    }

    private String sqlValue(String sql, String parameter) throws SQLException {
        String[] row = sqlRow(sql, parameter);
        return row == null ? null : row[0];
    }

    private String[] sqlRow(String sql, String... parameters) throws SQLException {
        try (Connection connection = FaultKit.connect(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] row = new String[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                return row;
            }
        }
    }

    private void sql(String sql, String... parameters) throws SQLException {
        try (Connection connection = FaultKit.connect(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
