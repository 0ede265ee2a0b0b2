package dev.trellis.bootstrap.files;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.application.file.FileKeys;
import dev.trellis.application.file.FileStorage;
import dev.trellis.application.file.SweepFiles;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.command.Commands;
import dev.trellis.bootstrap.wiring.file.FileStorageBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing orphaned, nothing dangling, in every storage: the same scenarios over HTTP against the whole
 * application, each ending with the check finding no bytes without a row and no row without bytes.
 * Subclasses give the storage (local disk, an S3 bucket); each runs on a database of its own.
 */
abstract class FileBookkeepingContract {

    static final String PASSWORD = "password-123";

    /** The application's settings shared by both storages: an own database, a quick deletion drain. */
    static void ownDatabase(DynamicPropertyRegistry registry, String database) {
        OwnDatabase.register(registry, database);
        registry.add("trellis.files.sweep.deletion-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileStorageBackend backend;
    @Autowired
    SweepFiles sweep;
    @Autowired
    FileKeys keys;
    @Autowired
    FileStorage storage;

    /** The arguments that point {@code files check} at this test's database and storage. */
    abstract List<String> commandArguments();

    @AfterEach
    void nothingOrphanedNothingDangling() {
        sweep.drainDeletions();
        SweepFiles.Report report = sweep.check();
        assertThat(report.objectsWithoutRow()).as("bytes without a row: %s", report).isZero();
        assertThat(report.youngObjectsWithoutRow()).as("bytes without a row: %s", report).isZero();
        assertThat(report.rowsWithoutObject()).as("rows without bytes: %s", report).isZero();
        assertThat(report.queuedDeletions()).isZero();
        assertThat(report.objects()).isEqualTo(report.rows());
    }

    @Test
    void uploaded_bytes_download_identical_and_go_with_their_row() throws Exception {
        Browser browser = signedUp();
        byte[] png = png(3 * 1024 * 1024 + 11);

        String id = upload(browser, "photo.png", png, Map.of());
        String key = userId(browser) + "/" + id;
        assertThat(stored(key)).isTrue();
        HttpResponse<byte[]> content = browser.getBytes("/api/files/" + id + "/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(png);

        assertThat(browser.delete("/api/files/" + id).status()).isEqualTo(204);
        assertThat(stored(key)).as("removed once the delete committed").isFalse();
    }

    @Test
    void bytes_of_an_upload_whose_transaction_rolls_back_are_removed() throws Exception {
        Browser browser = signedUp();
        String user = userId(browser);
        jdbc.sql("""
                create function refuse_file() returns trigger language plpgsql as
                $$ begin raise exception 'refused by the test'; end $$""").update();
        jdbc.sql("create trigger refuse_file before insert on files for each row when (new.filename = 'refused.png') execute function refuse_file()").update();
        try {
            var refused = browser.upload("/api/files", "refused.png", "image/png", png(5000), Map.of());
            assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(400);
        } finally {
            jdbc.sql("drop trigger refuse_file on files").update();
            jdbc.sql("drop function refuse_file()").update();
        }
        assertThat(keysOf(user)).as("the put was undone with its transaction").isEmpty();
    }

    @Test
    void an_items_files_stay_with_their_bytes_when_the_item_goes_and_go_with_their_rows() throws Exception {
        Browser browser = signedUp();
        String user = userId(browser);
        var item = browser.post("/api/items", "{\"title\":\"Holder\"}");
        assertThat(item.status()).isEqualTo(201);
        String itemId = item.json().get("id").asString();
        String first = upload(browser, "a.png", png(2000), Map.of("itemId", itemId));
        String second = upload(browser, "b.png", png(3000), Map.of("itemId", itemId));

        assertThat(browser.delete("/api/items/" + itemId).status()).isEqualTo(204);
        assertThat(keysOf(user)).as("detached, still the user's").containsExactlyInAnyOrder(user + "/" + first, user + "/" + second);

        assertThat(browser.delete("/api/files/" + first).status()).isEqualTo(204);
        assertThat(browser.delete("/api/files/" + second).status()).isEqualTo(204);
        assertThat(keysOf(user)).isEmpty();
    }

    @Test
    void a_user_deleted_through_trellis_loses_its_bytes() throws Exception {
        Browser browser = signedUp();
        String user = userId(browser);
        upload(browser, "a.png", png(2000), Map.of());
        upload(browser, "b.png", png(2000), Map.of());

        var deleted = browser.post("/api/auth/delete-user", "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(keysOf(user)).isEmpty());
    }

    @Test
    void a_user_deleted_by_plain_sql_as_a_better_auth_server_would_loses_its_bytes() throws Exception {
        Browser browser = signedUp();
        String user = userId(browser);
        upload(browser, "a.png", png(2000), Map.of());
        upload(browser, "b.png", png(2000), Map.of());

        jdbc.sql("delete from \"user\" where id = :id").param("id", user).update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(keysOf(user)).isEmpty());
    }

    @Test
    void bytes_left_by_a_crash_before_their_row_are_swept_once_older_than_the_grace_age() throws Exception {
        Browser browser = signedUp();
        String user = userId(browser);
        String crashed = user + "/fil_crashed00001";
        backend.storage().put(crashed, new ByteArrayInputStream(png(1000)));

        SweepFiles.Report young = sweep.check();
        assertThat(young.objectsWithoutRow()).isZero();
        assertThat(young.youngObjectsWithoutRow()).as("within the grace age: maybe an upload in flight").isEqualTo(1);
        assertThat(sweep.sweep().objectsWithoutRowRemoved()).isZero();
        assertThat(stored(crashed)).isTrue();

        SweepFiles noGrace = new SweepFiles(keys, storage, Clock.systemUTC(), Duration.ZERO);
        Thread.sleep(1100);     // S3 keeps whole seconds
        SweepFiles.Report old = noGrace.check();
        assertThat(old.objectsWithoutRow()).isEqualTo(1);
        assertThat(old.objectsWithoutRowExamples()).containsExactly(crashed);
        assertThat(command("check", "--trellis.files.sweep.grace=0s")).startsWith("1 Files: ").contains("1 bytes without a row").contains(crashed);

        SweepFiles.Swept swept = noGrace.sweep();
        assertThat(swept.objectsWithoutRowRemoved()).isEqualTo(1);
        assertThat(swept.after().objectsWithoutRow()).isZero();
        assertThat(stored(crashed)).isFalse();
    }

    @Test
    void a_row_whose_bytes_are_gone_is_reported_and_the_command_says_so() throws Exception {
        Browser browser = signedUp();
        String user = userId(browser);
        String id = upload(browser, "a.png", png(2000), Map.of());
        backend.storage().delete(user + "/" + id);      // behind the application's back

        SweepFiles.Report report = sweep.check();
        assertThat(report.rowsWithoutObject()).isEqualTo(1);
        assertThat(report.rowsWithoutObjectExamples()).containsExactly(user + "/" + id);
        assertThat(command("check")).startsWith("1 Files: ").contains("1 rows without bytes");

        jdbc.sql("delete from files where id = :id").param("id", id).update();
        assertThat(command("sweep")).as("the application's own drain may have been first").startsWith("0 Files swept: removed the bytes of ")
                .contains("0 bytes without a row, 0 rows without bytes, 0 deletions queued");
    }

    @Test
    void the_check_command_finds_nothing_after_uploads_and_deletes() throws Exception {
        Browser browser = signedUp();
        String kept = upload(browser, "kept.png", png(4000), Map.of());
        String gone = upload(browser, "gone.png", png(4000), Map.of());
        assertThat(browser.delete("/api/files/" + gone).status()).isEqualTo(204);
        sweep.drainDeletions();

        String output = command("check");
        assertThat(output).startsWith("0 Files: ").contains(" 0 bytes without a row, 0 rows without bytes, 0 deletions queued");
        assertThat(kept).isNotBlank();
    }

    /** {@code files <action>} run as from the command line, against this test's database and storage: "status output". */
    String command(String action, String... options) {
        List<String> args = new ArrayList<>(List.of("files", action));
        args.addAll(List.of(options));
        args.addAll(commandArguments());
        args.add("--spring.datasource.url=" + jdbc.sql("select 'jdbc:postgresql://localhost:' || current_setting('port') || '/' || current_database()")
                .query(String.class).single());
        args.add("--spring.datasource.username=postgres");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.of(TrellisApplication.class).run(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return status + " " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    Browser signedUp() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"File User\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    static String userId(Browser browser) throws Exception {
        return browser.get("/api/auth/get-session").json().get("user").get("id").asString();
    }

    static String upload(Browser browser, String filename, byte[] content, Map<String, String> fields) throws Exception {
        var response = browser.upload("/api/files", filename, "image/png", content, fields);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    boolean stored(String key) throws Exception {
        var content = backend.storage().open(key);
        if (content.isPresent()) {
            content.get().stream().close();
        }
        return content.isPresent();
    }

    List<String> keysOf(String user) {
        try (Stream<FileStorage.StoredObject> listing = backend.storage().list()) {
            return listing.map(FileStorage.StoredObject::key).filter(key -> key.startsWith(user + "/")).toList();
        }
    }

    /** A PNG signature followed by random bytes. */
    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }
}
