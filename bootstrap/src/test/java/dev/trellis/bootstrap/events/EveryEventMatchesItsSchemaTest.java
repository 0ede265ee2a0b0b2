package dev.trellis.bootstrap.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.application.snapshot.RepublishCurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.bootstrap.relay.RelayEndToEndTest;
import dev.trellis.event.contract.CloudEventHeaders;
import dev.trellis.event.contract.EventDecoder;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventType;
import dev.trellis.event.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the system emits, on the real broker, validates against the schema its record names in
 * {@code ce_dataschema}, fetched over HTTP from the running application (so that URI is served): the use
 * cases over REST, the auth flows (sign-up, update-user, delete-user with its cascades), writes by plain SQL
 * outside the use cases, the demo data and a snapshot. All 18 event types are seen, each record carries the
 * CloudEvents headers, {@code ce_time} with six fractional digits, and decodes with the contract's strict
 * decoder. A payload with a property its schema lacks fails validation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "trellis.auth.rate-limit.enabled=false",
        "trellis.demo-data=true",
        "trellis.relay.enabled=true",
        "trellis.relay.slot-name=event_schemas",
        "trellis.relay.publication-name=event_schemas",
        "trellis.relay.topic-prefix=" + EveryEventMatchesItsSchemaTest.PREFIX,
        "trellis.relay.source=/trellis-schemas"})
class EveryEventMatchesItsSchemaTest {

    static final String PREFIX = "schemas";
    static final String DATABASE = "event_schemas";
    static final int PORT = freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final String PASSWORD = "password-123";
    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001");
    static final Pattern SIX_DIGITS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the broker holds once everything is written; filled once, by the first test that needs it. */
    private static List<ConsumerRecord<String, String>> published;
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    @DynamicPropertySource
    static void ownDatabaseBrokerAndPort(DynamicPropertyRegistry registry) throws IOException {
        TestPostgres.freshDatabase(DATABASE);
        Path dataDir = Files.createTempDirectory("trellis-event-schemas");
        registry.add("spring.datasource.url", () -> TestPostgres.server().getJdbcUrl("postgres", DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("trellis.data-dir", dataDir::toString);
        // the public URL (here BETTER_AUTH_URL; TRELLIS_EVENTS_PUBLIC_URL unset) is where this application answers
        registry.add("server.port", () -> PORT);
        registry.add("BETTER_AUTH_URL", () -> BASE);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RepublishCurrentState snapshot;

    @Test
    void every_published_event_validates_against_the_schema_its_record_names() throws Exception {
        List<ConsumerRecord<String, String>> records = published();

        Set<String> seen = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        EventDecoder decoder = new EventDecoder();
        for (ConsumerRecord<String, String> record : records) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " " + header(record, CloudEventHeaders.TYPE);
            String type = header(record, CloudEventHeaders.TYPE).substring(EventType.CLOUD_EVENT_TYPE_PREFIX.length());
            seen.add(type);
            for (String name : List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
                    CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT, CloudEventHeaders.CONTENT_TYPE,
                    CloudEventHeaders.SCHEMA_VERSION, CloudEventHeaders.DATA_SCHEMA)) {
                if (header(record, name) == null) {
                    failures.add(where + ": no " + name);
                }
            }
            String dataSchema = header(record, CloudEventHeaders.DATA_SCHEMA);
            if (dataSchema == null) {
                continue;
            }
            if (!SIX_DIGITS.matcher(header(record, CloudEventHeaders.TIME)).matches()) {
                failures.add(where + ": ce_time " + header(record, CloudEventHeaders.TIME));
            }
            if (!record.key().equals(header(record, CloudEventHeaders.SUBJECT))) {
                failures.add(where + ": key " + record.key() + ", ce_subject " + header(record, CloudEventHeaders.SUBJECT));
            }
            String expectedUri = BASE + "/events/schemas/" + type + "/v" + header(record, CloudEventHeaders.SCHEMA_VERSION) + ".json";
            if (!dataSchema.equals(expectedUri)) {
                failures.add(where + ": ce_dataschema " + dataSchema + ", expected " + expectedUri);
            }
            List<Error> errors = schema(dataSchema).validate(record.value(), InputFormat.JSON);
            if (!errors.isEmpty()) {
                failures.add(where + ": " + errors + " in " + record.value());
            }
            try {
                decoder.decode(where, name -> header(record, name), record.value().getBytes(StandardCharsets.UTF_8));
            } catch (EventDecodingException e) {
                failures.add(e.getMessage());
            }
        }

        assertThat(failures).as("records that do not match their schema (of %d)", records.size()).isEmpty();
        assertThat(seen).as("event types seen on the broker")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::code).toList());
        List<String> outboxIds = jdbc.sql("select id from outbox").query(String.class).list();
        assertThat(records).extracting(record -> header(record, CloudEventHeaders.ID)).containsExactlyInAnyOrderElementsOf(outboxIds);
    }

    @Test
    void a_real_payload_with_a_property_its_schema_lacks_fails_validation() throws Exception {
        ConsumerRecord<String, String> item = published().stream()
                .filter(record -> "dev.trellis.item.created".equals(header(record, CloudEventHeaders.TYPE))).findFirst().orElseThrow();
        Schema schema = schema(header(item, CloudEventHeaders.DATA_SCHEMA));
        assertThat(schema.validate(item.value(), InputFormat.JSON)).isEmpty();

        ObjectNode grown = (ObjectNode) JSON.readTree(item.value());
        grown.put("priority", "high");
        List<Error> errors = schema.validate(grown.toString(), InputFormat.JSON);

        assertThat(errors).isNotEmpty();
        assertThat(errors.toString()).contains("priority");
        ObjectNode stale = (ObjectNode) JSON.readTree(item.value());
        stale.remove("imageUrl");
        assertThat(schema.validate(stale.toString(), InputFormat.JSON)).as("a property gone missing").isNotEmpty();
    }

    // --- the scenario

    private synchronized List<ConsumerRecord<String, String>> published() throws Exception {
        if (published == null) {
            writeEveryKindOfEvent();
            published = consumeEverything();
        }
        return published;
    }

    private void writeEveryKindOfEvent() throws Exception {
        // the demo data was written at start-up (trellis.demo-data=true): user, tags, items by SQL, so trigger events

        // sign-up (user.created by trigger), update-user (user.updated by trigger), profile and settings (use case)
        Browser ada = signUp("Ada");
        assertStatus(ada.post("/api/auth/update-user", "{\"name\":\"Ada L.\"}"), 200);
        assertStatus(ada.patch("/api/me/profile", "{\"bio\":\"maths\",\"website\":\"https://ada.example.com\",\"timezone\":\"Europe/London\"}"), 200);
        assertStatus(ada.patch("/api/me/settings", "{\"theme\":\"dark\",\"language\":\"en-GB\"}"), 200);

        // tags: created, updated, deleted
        String work = id(assertStatus(ada.post("/api/tags", "{\"name\":\"Schema Work\",\"color\":\"#112233\"}"), 201));
        assertStatus(ada.patch("/api/tags/" + work, "{\"color\":\"#332211\"}"), 200);
        String gone = id(assertStatus(ada.post("/api/tags", "{\"name\":\"Schema Gone\"}"), 201));
        assertStatus(ada.delete("/api/tags/" + gone), 204);

        // items: created, updated, status changed, tags changed (attach, detach)
        String item = id(assertStatus(ada.post("/api/items", "{\"title\":\"Contract\",\"tagIds\":[\"" + work + "\"]}"), 201));
        assertStatus(ada.patch("/api/items/" + item, "{\"title\":\"Contract, v1\",\"description\":null,\"imageUrl\":\"https://ada.example.com/i.png\"}"), 200);
        assertStatus(ada.patch("/api/items/" + item, "{\"status\":\"published\"}"), 200);
        assertStatus(ada.delete("/api/items/" + item + "/tags/" + work), 204);
        assertStatus(ada.put("/api/items/" + item + "/tags/" + work), 204);

        // files: uploaded, attached, detached, deleted; one attached to an item that is then deleted (SET NULL)
        String loose = id(assertStatus(ada.upload("/api/files", "plan.png", "image/png", PNG, Map.of()), 201));
        assertStatus(ada.patch("/api/files/" + loose, "{\"itemId\":\"" + item + "\"}"), 200);
        assertStatus(ada.patch("/api/files/" + loose, "{\"itemId\":null}"), 200);
        assertStatus(ada.delete("/api/files/" + loose), 204);
        String doomed = id(assertStatus(ada.post("/api/items", "{\"title\":\"Doomed\",\"content\":\"# soon gone\"}"), 201));
        assertStatus(ada.upload("/api/files", "kept.png", "image/png", PNG, Map.of("itemId", doomed)), 201);
        assertStatus(ada.delete("/api/items/" + doomed), 204);

        // writes outside the use cases, by plain SQL
        String sqlUser = "usr_bysql0000001";
        jdbc.sql("insert into \"user\" (id, name, email, email_verified, created_at, updated_at) values (?, 'By SQL', 'bysql@example.com', false, now(), now())")
                .param(sqlUser).update();
        jdbc.sql("update \"user\" set name = 'By SQL, renamed', email_verified = true, updated_at = now() where id = ?").param(sqlUser).update();
        jdbc.sql("insert into tags (id, name, color, created_by) values ('tag_bysql001', 'By SQL', '#123456', ?)").param(sqlUser).update();
        jdbc.sql("update tags set color = '#654321' where id = 'tag_bysql001'").update();
        jdbc.sql("insert into items (id, user_id, title) values ('itm_bysql0000001', ?, 'By SQL')").param(sqlUser).update();
        jdbc.sql("update items set title = 'By SQL, retitled', status = 'archived', updated_at = now() where id = 'itm_bysql0000001'").update();
        jdbc.sql("insert into item_tags (item_id, tag_id) values ('itm_bysql0000001', 'tag_bysql001')").update();
        jdbc.sql("delete from item_tags where item_id = 'itm_bysql0000001'").update();
        jdbc.sql("insert into files (id, user_id, item_id, filename, storage_key, size, mime_type) values "
                + "('fil_bysql0000001', ?, 'itm_bysql0000001', 'by-sql.png', 'bysql/fil_bysql0000001', 3, 'image/png')").param(sqlUser).update();
        jdbc.sql("update files set item_id = null where id = 'fil_bysql0000001'").update();
        jdbc.sql("delete from files where id = 'fil_bysql0000001'").update();
        jdbc.sql("delete from items where id = 'itm_bysql0000001'").update();
        jdbc.sql("delete from tags where id = 'tag_bysql001'").update();
        jdbc.sql("delete from \"user\" where id = ?").param(sqlUser).update();

        // delete-user: user.deleted, and by cascade their items and files deleted, their tags' createdBy set null
        Browser bob = signUp("Bob");
        String bobsTag = id(assertStatus(bob.post("/api/tags", "{\"name\":\"Bob's\"}"), 201));
        String bobsItem = id(assertStatus(bob.post("/api/items", "{\"title\":\"Bob's item\",\"tagIds\":[\"" + bobsTag + "\"]}"), 201));
        assertStatus(bob.upload("/api/files", "bob.png", "image/png", PNG, Map.of("itemId", bobsItem)), 201);
        assertStatus(bob.upload("/api/files", "bob-loose.png", "image/png", PNG, Map.of()), 201);
        assertStatus(bob.post("/api/auth/delete-user", "{\"password\":\"" + PASSWORD + "\"}"), 200);

        // a snapshot of everything that is left
        assertThat(snapshot.handle(SnapshotScope.everything()).events()).isPositive();
    }

    private List<ConsumerRecord<String, String>> consumeEverything() {
        long expected = jdbc.sql("select count(*) from outbox").query(Long.class).single();
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = RelayEndToEndTest.consumerOn(TestKafka.bootstrapServers(),
                Topics.all(PREFIX).toArray(String[]::new))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).as("records on the broker, of %d outbox events", expected).hasSize((int) expected);
        return received;
    }

    private Browser signUp(String name) throws Exception {
        Browser browser = new Browser(PORT, BASE);
        assertStatus(browser.post("/api/auth/sign-up/email", "{\"name\":\"" + name + "\",\"email\":\"" + AuthTestSupport.Emails.next()
                + "\",\"password\":\"" + PASSWORD + "\"}"), 200);
        return browser;
    }

    private static Browser.Response assertStatus(Browser.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static String id(Browser.Response response) {
        return response.json().get("id").asString();
    }

    /** The schema a record names, fetched from the running application once per URI. */
    private static synchronized Schema schema(String uri) {
        return SCHEMAS.computeIfAbsent(uri, location -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET %s", location).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/schema+json");
                assertThat(JSON.readTree(response.body()).get("$id").asString()).isEqualTo(location);
                return REGISTRY.getSchema(response.body(), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return RelayEndToEndTest.header(record, name);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
