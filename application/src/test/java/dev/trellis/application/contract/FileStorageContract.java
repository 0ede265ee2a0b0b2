package dev.trellis.application.contract;

import dev.trellis.application.file.FileStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link FileStorage} does, outside a transaction: the in-memory fake and the real adapters. */
public abstract class FileStorageContract {

    protected FileStorage storage;

    /** A storage with nothing in it. */
    protected abstract FileStorage emptyStorage();

    @BeforeEach
    void openEmptyStorage() {
        storage = emptyStorage();
    }

    @Test
    void bytes_put_read_back_identical_with_their_size() throws IOException {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);

        long size = storage.put("usr_aaaaaaaaaaaa/fil_aaaaaaaaaaaa", new ByteArrayInputStream(bytes));

        assertThat(size).isEqualTo(bytes.length);
        FileStorage.Content content = storage.open("usr_aaaaaaaaaaaa/fil_aaaaaaaaaaaa").orElseThrow();
        try (InputStream in = content.stream()) {
            assertThat(content.size()).isEqualTo(bytes.length);
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void empty_content_is_stored_as_zero_bytes() throws IOException {
        assertThat(storage.put("usr_aaaaaaaaaaaa/fil_empty0000000", InputStream.nullInputStream())).isZero();
        try (InputStream in = storage.open("usr_aaaaaaaaaaaa/fil_empty0000000").orElseThrow().stream()) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void a_taken_key_is_refused_and_keeps_its_bytes() throws IOException {
        storage.put("usr_aaaaaaaaaaaa/fil_bbbbbbbbbbbb", bytes("first"));

        assertThatThrownBy(() -> storage.put("usr_aaaaaaaaaaaa/fil_bbbbbbbbbbbb", bytes("second")))
                .isInstanceOf(RuntimeException.class);
        try (InputStream in = storage.open("usr_aaaaaaaaaaaa/fil_bbbbbbbbbbbb").orElseThrow().stream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }

    @Test
    void a_put_whose_content_fails_midway_leaves_nothing() {
        InputStream failing = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 10_000) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> storage.put("usr_aaaaaaaaaaaa/fil_cccccccccccc", failing)).isInstanceOf(UncheckedIOException.class);
        assertThat(storage.open("usr_aaaaaaaaaaaa/fil_cccccccccccc")).isEmpty();
    }

    @Test
    void delete_removes_the_bytes_and_a_missing_key_is_no_error() {
        storage.put("usr_aaaaaaaaaaaa/fil_dddddddddddd", bytes("doomed"));
        storage.put("usr_aaaaaaaaaaaa/fil_eeeeeeeeeeee", bytes("kept"));

        storage.delete("usr_aaaaaaaaaaaa/fil_dddddddddddd");
        storage.delete("usr_aaaaaaaaaaaa/fil_dddddddddddd");
        storage.delete("usr_zzzzzzzzzzzz/fil_zzzzzzzzzzzz");

        assertThat(storage.open("usr_aaaaaaaaaaaa/fil_dddddddddddd")).isEmpty();
        assertThat(storage.open("usr_aaaaaaaaaaaa/fil_eeeeeeeeeeee")).isPresent();
    }

    @Test
    void the_listing_gives_every_key_in_ascending_order_with_when_it_was_written() {
        Instant before = Instant.now().minusSeconds(2);     // S3 keeps whole seconds
        List<String> keys = List.of("usr_b/fil_1", "usr_a-b/fil_2", "usr_a/fil_3", "usr_a/fil_10", "usr_a_/fil_x", "usr_a/fil_3-");
        keys.forEach(key -> storage.put(key, bytes(key)));
        storage.put("usr_c/fil_gone", bytes("gone"));
        storage.delete("usr_c/fil_gone");

        try (Stream<FileStorage.StoredObject> listing = storage.list()) {
            List<FileStorage.StoredObject> objects = listing.toList();
            assertThat(objects).extracting(FileStorage.StoredObject::key).containsExactlyElementsOf(keys.stream().sorted().toList());
            assertThat(objects).allSatisfy(object -> assertThat(object.written()).isBetween(before, Instant.now().plusSeconds(2)));
        }
    }

    @Test
    void removing_unfinished_writes_leaves_finished_bytes_alone() {
        storage.put("usr_aaaaaaaaaaaa/fil_ffffffffffff", bytes("done"));

        storage.removeUnfinished(Instant.now().plusSeconds(60));

        assertThat(storage.open("usr_aaaaaaaaaaaa/fil_ffffffffffff")).isPresent();
    }

    @Test
    void an_unknown_key_opens_nothing() {
        assertThat(storage.open("usr_aaaaaaaaaaaa/fil_nothinghere")).isEmpty();
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
