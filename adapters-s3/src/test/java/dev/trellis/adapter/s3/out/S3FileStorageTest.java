package dev.trellis.adapter.s3.out;

import dev.trellis.adapter.s3.testing.TestS3Server;
import dev.trellis.application.contract.FileStorageContract;
import dev.trellis.application.file.FileStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The storage contract against a bucket of a real S3 API server, plus what only S3 does: parts, prefixes, links. */
class S3FileStorageTest extends FileStorageContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final int PART = S3Settings.MIN_PART_SIZE;

    private S3FileStorage opened;

    @Override
    protected FileStorage emptyStorage() {
        return storage(settings(Duration.ZERO, ""));
    }

    private S3FileStorage storage(S3Settings settings) {
        opened = S3FileStorage.connect(settings, TestS3Server.credentials());
        return opened;
    }

    private static S3Settings settings(Duration links, String prefix) {
        String bucket = TestS3Server.get().newBucket("trellis-test-" + BUCKETS.incrementAndGet());
        return new S3Settings(bucket, "us-east-1", TestS3Server.get().endpoint(), true, prefix, links, PART, 8);
    }

    @AfterEach
    void close() {
        opened.close();
    }

    @Test
    void content_larger_than_a_part_goes_up_in_parts_and_reads_back_identical() throws IOException {
        byte[] bytes = new byte[2 * PART + 12345];
        new Random(7).nextBytes(bytes);

        assertThat(storage.put("usr_aaaaaaaaaaaa/fil_multipart01", new ByteArrayInputStream(bytes))).isEqualTo(bytes.length);

        try (InputStream in = storage.open("usr_aaaaaaaaaaaa/fil_multipart01").orElseThrow().stream()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void content_of_exactly_one_part_is_stored_whole() throws IOException {
        byte[] bytes = new byte[PART];
        new Random(8).nextBytes(bytes);

        assertThat(storage.put("usr_aaaaaaaaaaaa/fil_onepart0001", new ByteArrayInputStream(bytes))).isEqualTo(PART);

        try (InputStream in = storage.open("usr_aaaaaaaaaaaa/fil_onepart0001").orElseThrow().stream()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void a_multipart_put_that_fails_after_its_first_part_is_aborted_and_leaves_nothing() {
        InputStream failing = new InputStream() {
            long sent;

            @Override
            public int read() throws IOException {
                if (sent++ > PART + 1000) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> storage.put("usr_aaaaaaaaaaaa/fil_abortedpart", failing)).isInstanceOf(UncheckedIOException.class);

        assertThat(storage.open("usr_aaaaaaaaaaaa/fil_abortedpart")).isEmpty();
        assertThat(opened.removeUnfinished(Instant.now().plusSeconds(60))).as("no unfinished upload left to abort").isZero();
    }

    @Test
    void keys_live_under_the_prefix_and_only_those_are_listed() {
        S3Settings settings = settings(Duration.ZERO, "deploy-a/files/");
        FileStorage prefixed = storage(settings);
        prefixed.put("usr_aaaaaaaaaaaa/fil_prefixed001", new ByteArrayInputStream(new byte[]{1, 2, 3}));

        assertThat(prefixed.list()).extracting(FileStorage.StoredObject::key).containsExactly("usr_aaaaaaaaaaaa/fil_prefixed001");
        assertThat(prefixed.open("usr_aaaaaaaaaaaa/fil_prefixed001")).isPresent();
    }

    @Test
    void a_presigned_link_serves_the_bytes_with_the_given_headers() throws Exception {
        FileStorage linking = storage(settings(Duration.ofMinutes(5), ""));
        linking.put("usr_aaaaaaaaaaaa/fil_linked00001", new ByteArrayInputStream("hello".getBytes()));

        URI link = linking.link("usr_aaaaaaaaaaaa/fil_linked00001",
                new FileStorage.ServedAs("text/plain;charset=UTF-8", "attachment; filename=\"hello.txt\"")).orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
        assertThat(response.headers().firstValue("content-disposition")).contains("attachment; filename=\"hello.txt\"");
        assertThat(response.headers().firstValue("content-type").orElseThrow()).isEqualToIgnoringCase("text/plain;charset=UTF-8");
    }

    @Test
    void without_a_link_lifetime_no_links_are_handed_out() {
        assertThat(storage.link("usr_aaaaaaaaaaaa/fil_linked00001", new FileStorage.ServedAs("text/plain", "inline"))).isEmpty();
    }

    @Test
    void an_unreachable_bucket_is_a_clear_error() {
        S3Settings missing = new S3Settings("no-such-bucket", "us-east-1", TestS3Server.get().endpoint(), true, "", Duration.ZERO, PART, 8);

        assertThatThrownBy(() -> S3FileStorage.connect(missing, TestS3Server.credentials()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'no-such-bucket' cannot be reached");
    }

    @Test
    void keys_not_of_trellis_shape_are_refused() {
        assertThatThrownBy(() -> storage.put("../etc/passwd", new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
