package dev.trellis.bootstrap.rest;

import dev.trellis.bootstrap.TraceParents;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.trellis.bootstrap.rest.RestTestSupport.events;
import static dev.trellis.bootstrap.rest.RestTestSupport.signedUp;
import static dev.trellis.bootstrap.rest.RestTestSupport.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files API over HTTP against PostgreSQL and a real folder: routes, the stored type checked
 * against the bytes, safe names, the size limit, ownership, concurrency control, events, and bytes
 * on disk that follow the database's transaction.
 */
@AuthTestSupport
class FilesApiTest {

    static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final int LIMIT = 64 * 1024;
    static final Path FOLDER = temporaryFolder();

    @DynamicPropertySource
    static void filesFolderAndLimit(DynamicPropertyRegistry registry) {
        registry.add("trellis.files.dir", FOLDER::toString);
        registry.add("trellis.files.max-size", () -> LIMIT + "B");
        registry.add("trellis.files.max-request-size", () -> (LIMIT + 4096) + "B");
    }

    @AfterAll
    static void removeFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(FOLDER)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void upload_list_read_download_attach_detach_delete_with_one_event_per_change() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);
        String item = item(browser, "Holder");
        byte[] png = png(3000);

        var uploaded = browser.upload("/api/files", "photo.png", "image/png", png, Map.of(), "traceparent", TRACE);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = uploaded.json();
        String id = file.get("id").asString();
        assertThat(id).startsWith("fil_").hasSize(16);
        assertThat(uploaded.header("location")).isEqualTo("/api/files/" + id);
        assertThat(uploaded.header("etag")).isEqualTo("\"" + file.get("version").asLong() + "\"");
        assertThat(file.get("ownerId").asString()).isEqualTo(owner);
        assertThat(file.get("itemId").isNull()).isTrue();
        assertThat(file.get("filename").asString()).isEqualTo("photo.png");
        assertThat(file.get("mimeType").asString()).isEqualTo("image/png");
        assertThat(file.get("size").asLong()).isEqualTo(png.length);
        assertThat(file.get("url").asString()).isEqualTo("/api/files/" + id + "/content");
        assertThat(file.has("storageKey")).as("the storage key stays inside").isFalse();
        assertThat(Files.readAllBytes(FOLDER.resolve(owner).resolve(id))).isEqualTo(png);

        String newer = upload(browser, "notes.txt", "text/plain", "second".getBytes(StandardCharsets.UTF_8), Map.of()).get("id").asString();
        assertThat(browser.get("/api/files").json().get("files")).extracting(entry -> entry.get("id").asString())
                .containsExactly(newer, id);

        var read = browser.get("/api/files/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("etag")).isEqualTo(uploaded.header("etag"));
        assertThat(read.json().get("size").asLong()).isEqualTo(png.length);

        HttpResponse<byte[]> content = browser.getBytes("/api/files/" + id + "/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(png);
        assertThat(content.headers().firstValue("content-type")).contains("image/png");
        assertThat(content.headers().firstValue("content-length")).contains(String.valueOf(png.length));
        assertThat(content.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(content.headers().firstValue("content-disposition")).contains("inline; filename=\"photo.png\"; filename*=UTF-8''photo.png");
        assertThat(content.headers().firstValue("etag")).contains(uploaded.header("etag"));
        assertThat(browser.getBytes("/api/files/" + id + "/content", "If-None-Match", uploaded.header("etag")).statusCode())
                .isEqualTo(304);

        var attached = browser.patch("/api/files/" + id, "{\"itemId\":\"" + item + "\"}", "If-Match", uploaded.header("etag"),
                "traceparent", TRACE);
        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        assertThat(attached.json().get("itemId").asString()).isEqualTo(item);
        assertThat(attached.header("etag")).isNotEqualTo(uploaded.header("etag"));
        assertThat(browser.get("/api/items/" + item).json().get("files")).extracting(entry -> entry.get("id").asString())
                .containsExactly(id);
        assertThat(browser.patch("/api/files/" + id, "{\"itemId\":\"" + item + "\"}").status()).as("already there: no change")
                .isEqualTo(200);

        var detached = browser.patch("/api/files/" + id, "{\"itemId\":null}", "If-Match", attached.header("etag"));
        assertThat(detached.status()).isEqualTo(200);
        assertThat(detached.json().get("itemId").isNull()).isTrue();
        assertThat(browser.get("/api/items/" + item).json().get("files")).isEmpty();

        assertThat(browser.delete("/api/files/" + id, "If-Match", detached.header("etag")).status()).isEqualTo(204);
        assertThat(browser.get("/api/files/" + id).status()).isEqualTo(404);
        assertThat(browser.getBytes("/api/files/" + id + "/content").statusCode()).isEqualTo(404);
        assertThat(FOLDER.resolve(owner).resolve(id)).as("the bytes went with the row").doesNotExist();
        assertThat(browser.get("/api/files").json().get("files")).extracting(entry -> entry.get("id").asString())
                .containsExactly(newer);

        List<RestTestSupport.Event> events = events(jdbc, id);
        assertThat(events).extracting(RestTestSupport.Event::type)
                .containsExactly("file.created", "file.updated", "file.updated", "file.deleted");
        assertThat(events).extracting(event -> event.payload().get("version").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.get(0).payload().get("mimeType").asString()).isEqualTo("image/png");
        assertThat(events.get(0).payload().get("size").asLong()).isEqualTo(png.length);
        TraceParents.assertContinues(events.get(0).traceParent(), TRACE);
        assertThat(events.get(1).payload().get("itemId").asString()).isEqualTo(item);
        TraceParents.assertContinues(events.get(1).traceParent(), TRACE);
        assertThat(events.get(2).payload().get("itemId").isNull()).isTrue();
        assertThat(events.get(3).payload().get("deleted").asBoolean()).isTrue();
        assertThat(events(jdbc, item)).as("attaching changes the file, not the item").extracting(RestTestSupport.Event::type)
                .containsExactly("item.created");
    }

    @Test
    void an_upload_attached_at_once_shows_on_its_item() throws Exception {
        Browser browser = signedUp(port);
        String item = item(browser, "With a file");

        JsonNode file = upload(browser, "doc.pdf", "application/pdf", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                Map.of("itemId", item));

        assertThat(file.get("itemId").asString()).isEqualTo(item);
        assertThat(browser.get("/api/items/" + item).json().get("files").get(0).get("mimeType").asString()).isEqualTo("application/pdf");
        assertThat(events(jdbc, file.get("id").asString())).extracting(RestTestSupport.Event::type).containsExactly("file.created");
    }

    @Test
    void beyond_the_size_limit_is_413_as_a_problem_and_nothing_is_stored() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);

        var tooLarge = browser.upload("/api/files", "big.png", "image/png", png(LIMIT + 1), Map.of());
        var atTheLimit = browser.upload("/api/files", "fits.png", "image/png", png(LIMIT), Map.of());

        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.header("content-type")).startsWith("application/problem+json");
        assertThat(tooLarge.json().get("code").asString()).isEqualTo("request.too_large");
        assertThat(atTheLimit.status()).as(atTheLimit.body()).isEqualTo(201);
        assertThat(storedFiles(owner)).hasSize(1);
        assertThat(browser.get("/api/files").json().get("files")).hasSize(1);
    }

    @Test
    void the_stored_type_is_checked_against_the_bytes_and_a_contradiction_is_400() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);

        var mismatch = browser.upload("/api/files", "fake.png", "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.header("content-type")).startsWith("application/problem+json");
        assertThat(mismatch.json().get("code").asString()).isEqualTo("file.mime_mismatch");
        assertThat(mismatch.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        var pngAsText = browser.upload("/api/files", "a.txt", "text/plain", png(100), Map.of());
        assertThat(pngAsText.status()).isEqualTo(400);
        assertThat(storedFiles(owner)).isEmpty();

        JsonNode undeclared = upload(browser, "no-type", null, png(100), Map.of());
        assertThat(undeclared.get("mimeType").asString()).as("the bytes decide").isEqualTo("image/png");
        JsonNode html = upload(browser, "page.html", "text/html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(html.get("mimeType").asString()).as("never a type a browser runs").isEqualTo("text/plain");
        JsonNode unknown = upload(browser, "clip.mp4", "video/mp4", HexFormat.of().parseHex("000000186674797069736f6d00000200"), Map.of());
        assertThat(unknown.get("mimeType").asString()).isEqualTo("application/octet-stream");

        HttpResponse<byte[]> served = browser.getBytes("/api/files/" + html.get("id").asString() + "/content");
        assertThat(served.headers().firstValue("content-type")).contains("text/plain;charset=UTF-8");
        assertThat(served.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(served.headers().firstValue("content-security-policy").orElseThrow()).startsWith("sandbox");
        assertThat(browser.getBytes("/api/files/" + unknown.get("id").asString() + "/content").headers()
                .firstValue("content-disposition").orElseThrow()).startsWith("attachment;");
    }

    @Test
    void a_path_traversal_name_is_only_metadata_kept_safe_and_served_with_a_safe_content_disposition() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);

        JsonNode traversal = upload(browser, "../../../../../../tmp/trellis-escape.txt", "text/plain", bytes("x"), Map.of());
        JsonNode windows = upload(browser, "..\\..\\Users\\me\\résumé ✓ \u202Etxt.exe", "text/plain", bytes("y"), Map.of());

        assertThat(traversal.get("filename").asString()).isEqualTo("trellis-escape.txt");
        assertThat(windows.get("filename").asString()).isEqualTo("résumé ✓ txt.exe");
        assertThat(Path.of("/tmp/trellis-escape.txt")).doesNotExist();
        try (Stream<Path> stored = Files.walk(FOLDER)) {
            assertThat(stored.filter(Files::isRegularFile))
                    .as("every stored file is <folder>/<userId>/<fileId>")
                    .allSatisfy(path -> assertThat(FOLDER.relativize(path).getNameCount()).isEqualTo(2));
        }
        assertThat(storedFiles(owner)).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder(traversal.get("id").asString(), windows.get("id").asString());

        String disposition = browser.getBytes("/api/files/" + windows.get("id").asString() + "/content").headers()
                .firstValue("content-disposition").orElseThrow();
        assertThat(disposition).isEqualTo("inline; filename=\"r_sum_ _ txt.exe\"; "
                + "filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%9C%93%20txt.exe");
    }

    @Test
    void another_users_file_is_404_on_every_route_and_another_users_item_is_404_to_attach_to() throws Exception {
        Browser owner = signedUp(port);
        Browser other = signedUp(port);
        String ownerItem = item(owner, "Owner's");
        JsonNode file = upload(owner, "private.png", "image/png", png(500), Map.of());
        String id = file.get("id").asString();
        String etag = "\"" + file.get("version").asLong() + "\"";

        List<Browser.Response> responses = List.of(
                other.get("/api/files/" + id),
                other.get("/api/files/" + id + "/content"),
                other.patch("/api/files/" + id, "{\"itemId\":null}"),
                other.delete("/api/files/" + id),
                other.get("/api/files/fil_doesnotexist"));
        for (Browser.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("file.not_found");
        }
        assertThat(other.get("/api/files").json().get("files")).isEmpty();

        JsonNode othersFile = upload(other, "theirs.png", null, png(10), Map.of());
        var attachToForeignItem = other.patch("/api/files/" + othersFile.get("id").asString(), "{\"itemId\":\"" + ownerItem + "\"}");
        var uploadToForeignItem = other.upload("/api/files", "sneaky.png", null, png(10), Map.of("itemId", ownerItem));
        for (Browser.Response response : List.of(attachToForeignItem, uploadToForeignItem)) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("item.not_found");
        }
        assertThat(storedFiles(userId(other))).hasSize(1);

        var untouched = owner.get("/api/files/" + id);
        assertThat(untouched.header("etag")).isEqualTo(etag);
        assertThat(owner.getBytes("/api/files/" + id + "/content").body()).hasSize(500);
        assertThat(events(jdbc, id)).extracting(RestTestSupport.Event::type).containsExactly("file.created");
        assertThat(owner.get("/api/items/" + ownerItem).json().get("files")).isEmpty();
    }

    @Test
    void a_stale_if_match_is_412_and_changes_nothing() throws Exception {
        Browser browser = signedUp(port);
        String item = item(browser, "Target");
        JsonNode file = upload(browser, "v.png", null, png(20), Map.of());
        String id = file.get("id").asString();
        String stale = "\"" + file.get("version").asLong() + "\"";
        var first = browser.patch("/api/files/" + id, "{\"itemId\":\"" + item + "\"}", "If-Match", stale);
        assertThat(first.status()).isEqualTo(200);

        var patch = browser.patch("/api/files/" + id, "{\"itemId\":null}", "If-Match", stale);
        var delete = browser.delete("/api/files/" + id, "If-Match", stale);

        for (Browser.Response response : List.of(patch, delete)) {
            assertThat(response.status()).isEqualTo(412);
            assertThat(response.json().get("code").asString()).isEqualTo("file.precondition_failed");
        }
        assertThat(browser.get("/api/files/" + id).json().get("itemId").asString()).isEqualTo(item);
        assertThat(storedFiles(userId(browser))).hasSize(1);
        assertThat(browser.patch("/api/files/" + id, "{\"item\":null}").status()).as("unknown field").isEqualTo(400);
        assertThat(browser.delete("/api/files/" + id, "If-Match", first.header("etag")).status()).isEqualTo(204);
    }

    @Test
    void when_the_row_insert_fails_the_bytes_written_before_it_are_removed() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);
        jdbc.sql("""
                create or replace function test_refuse_file() returns trigger language plpgsql as $$
                begin
                    if new.filename = 'explode-now.png' then raise exception 'file row refused'; end if;
                    return new;
                end $$""").update();
        jdbc.sql("create trigger test_refuse_file before insert on files for each row execute function test_refuse_file()").update();
        try {
            var response = browser.upload("/api/files", "explode-now.png", "image/png", png(2000), Map.of());

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("file row refused");
            assertThat(storedFiles(owner)).as("no bytes remain").isEmpty();
            assertThat(jdbc.sql("select count(*) from files where user_id = ?").param(owner).query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("drop trigger test_refuse_file on files").update();
        }
    }

    @Test
    void when_the_commit_fails_the_bytes_are_removed_too() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);
        jdbc.sql("""
                create or replace function test_refuse_file_at_commit() returns trigger language plpgsql as $$
                begin
                    if new.filename = 'explode-at-commit.png' then raise exception 'refused at commit'; end if;
                    return null;
                end $$""").update();
        jdbc.sql("""
                create constraint trigger test_refuse_file_at_commit after insert on files
                deferrable initially deferred for each row execute function test_refuse_file_at_commit()""").update();
        try {
            var response = browser.upload("/api/files", "explode-at-commit.png", "image/png", png(2000), Map.of());

            assertThat(response.status()).isEqualTo(500);
            assertThat(storedFiles(owner)).as("no bytes remain").isEmpty();
            assertThat(jdbc.sql("select count(*) from files where user_id = ?").param(owner).query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("drop trigger test_refuse_file_at_commit on files").update();
        }
    }

    @Test
    void when_a_delete_rolls_back_the_bytes_stay() throws Exception {
        Browser browser = signedUp(port);
        String owner = userId(browser);
        JsonNode file = upload(browser, "keep-me.png", null, png(100), Map.of());
        // file.deleted names the file by its id only (its schema: id, ownerId, deleted, version)
        jdbc.sql("""
                create or replace function test_refuse_file_event() returns trigger language plpgsql as $$
                begin
                    if new.event_type = 'file.deleted' and new.payload ->> 'id' = '%s' then
                        raise exception 'outbox refused';
                    end if;
                    return new;
                end $$""".formatted(file.get("id").asString())).update();
        jdbc.sql("create trigger test_refuse_file_event before insert on outbox for each row execute function test_refuse_file_event()").update();
        try {
            assertThat(browser.delete("/api/files/" + file.get("id").asString()).status()).isEqualTo(500);

            assertThat(storedFiles(owner)).hasSize(1);
            assertThat(browser.getBytes("/api/files/" + file.get("id").asString() + "/content").body()).hasSize(100);
        } finally {
            jdbc.sql("drop trigger test_refuse_file_event on outbox").update();
        }
    }

    @Test
    void without_a_session_every_files_route_is_401() throws Exception {
        Browser anonymous = new Browser(port, AuthTestSupport.ORIGIN);

        assertThat(anonymous.upload("/api/files", "a.png", null, png(10), Map.of()).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/files").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/files/fil_aaaaaaaaaaaa/content").status()).isEqualTo(401);
    }

    @Test
    void an_upload_without_a_file_part_is_400_and_one_that_is_not_multipart_is_415() throws Exception {
        Browser browser = signedUp(port);

        var json = browser.post("/api/files", "{\"file\":\"aGVsbG8=\"}");
        HttpResponse<String> noFile = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/files"))
                .header("Origin", AuthTestSupport.ORIGIN)
                .header("Cookie", String.join("; ", browser.cookies().entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "--b\r\nContent-Disposition: form-data; name=\"itemId\"\r\n\r\nitm_aaaaaaaaaaaa\r\n--b--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().get("code").asString()).isEqualTo("request.media_type_unsupported");
        assertThat(noFile.statusCode()).as(noFile.body()).isEqualTo(400);
        assertThat(RestTestSupport.JSON.readTree(noFile.body()).get("code").asString()).isEqualTo("request.value_missing");
    }

    private JsonNode upload(Browser browser, String filename, String type, byte[] content, Map<String, String> fields) throws Exception {
        var response = browser.upload("/api/files", filename, type, content, fields);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String item(Browser browser, String title) throws Exception {
        var response = browser.post("/api/items", "{\"title\":\"" + title + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** A PNG signature followed by {@code size - 8} random bytes. */
    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy(HexFormat.of().parseHex("89504e470d0a1a0a"), 0, bytes, 0, 8);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The files stored on disk for one user. */
    private static List<Path> storedFiles(String userId) throws IOException {
        Path folder = FOLDER.resolve(userId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("trellis-files-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
