package dev.trellis.application.file;

import dev.trellis.application.testing.InMemoryFileKeys;
import dev.trellis.application.testing.InMemoryFileStorage;
import dev.trellis.application.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bookkeeping's merge of rows and stored bytes, its grace age and its deletion queue, on in-memory fakes. */
class SweepFilesTest {

    final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
    final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    final InMemoryFileKeys keys = new InMemoryFileKeys();
    final SweepFiles sweep = new SweepFiles(keys, storage, clock, Duration.ofHours(1));

    @Test
    void rows_and_bytes_in_step_are_clean() {
        for (String key : List.of("usr_a/fil_1", "usr_a/fil_2", "usr_b/fil_3")) {
            file(key);
        }

        SweepFiles.Report report = sweep.check();

        assertThat(report.clean()).isTrue();
        assertThat(report.rows()).isEqualTo(3);
        assertThat(report.objects()).isEqualTo(3);
    }

    @Test
    void bytes_without_a_row_are_reported_and_swept_only_once_older_than_the_grace_age() {
        file("usr_a/fil_1");
        put("usr_a/fil_0crashed");
        clock.advance(Duration.ofMinutes(30));
        put("usr_b/fil_inflight");

        SweepFiles.Report early = sweep.check();
        assertThat(early.objectsWithoutRow()).isZero();
        assertThat(early.youngObjectsWithoutRow()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(45));
        SweepFiles.Report later = sweep.check();
        assertThat(later.objectsWithoutRow()).isEqualTo(1);
        assertThat(later.objectsWithoutRowExamples()).containsExactly("usr_a/fil_0crashed");
        assertThat(later.youngObjectsWithoutRow()).isEqualTo(1);
        assertThat(storage.keys()).as("a check changes nothing").contains("usr_a/fil_0crashed");

        SweepFiles.Swept swept = sweep.sweep();
        assertThat(swept.objectsWithoutRowRemoved()).isEqualTo(1);
        assertThat(storage.keys()).containsExactlyInAnyOrder("usr_a/fil_1", "usr_b/fil_inflight");
        assertThat(swept.after().objectsWithoutRow()).isZero();
    }

    @Test
    void bytes_not_shaped_like_a_trellis_key_are_never_counted_nor_removed() {
        file("usr_a/fil_1");
        put("images/logo");
        put("usr_a/notes");
        clock.advance(Duration.ofDays(1));

        SweepFiles.Swept swept = sweep.sweep();

        assertThat(swept.objectsWithoutRowRemoved()).isZero();
        assertThat(swept.after().clean()).isTrue();
        assertThat(swept.after().objects()).isEqualTo(1);
        assertThat(storage.keys()).contains("images/logo", "usr_a/notes");
    }

    @Test
    void rows_without_bytes_are_reported_never_removed() {
        file("usr_a/fil_1");
        keys.addRow("usr_a/fil_2nobytes");
        keys.addRow("usr_z/fil_last");

        SweepFiles.Swept swept = sweep.sweep();

        assertThat(swept.after().rowsWithoutObject()).isEqualTo(2);
        assertThat(swept.after().rowsWithoutObjectExamples()).containsExactly("usr_a/fil_2nobytes", "usr_z/fil_last");
        assertThat(keys.exists("usr_a/fil_2nobytes")).isTrue();
    }

    @Test
    void the_bytes_of_deleted_rows_are_drained_and_their_keys_forgotten() {
        file("usr_a/fil_1");
        file("usr_a/fil_2");
        keys.deleteRow("usr_a/fil_1");
        keys.deleteRow("usr_a/fil_2");

        assertThat(sweep.check().queuedDeletions()).isEqualTo(2);
        assertThat(sweep.drainDeletions()).isEqualTo(2);

        assertThat(storage.keys()).isEmpty();
        assertThat(sweep.check().clean()).isTrue();
    }

    @Test
    void a_key_whose_delete_fails_stays_queued_and_the_others_are_drained() {
        file("usr_a/fil_1");
        file("usr_a/fil_2");
        keys.deleteRow("usr_a/fil_1");
        keys.deleteRow("usr_a/fil_2");
        SweepFiles failing = new SweepFiles(keys, new RefusingDelete(storage, "usr_a/fil_1"), clock, Duration.ofHours(1));

        assertThatThrownBy(failing::drainDeletions).hasMessageContaining("usr_a/fil_1").hasMessageContaining("stays queued");

        assertThat(keys.deleted(10)).containsExactly("usr_a/fil_1");
        assertThat(storage.keys()).containsExactly("usr_a/fil_1");
    }

    @Test
    void a_listing_out_of_key_order_is_refused_rather_than_misread() {
        file("usr_a/fil_1");
        FileStorage unordered = new RefusingDelete(storage, "") {
            @Override
            public Stream<StoredObject> list() {
                return Stream.of(new StoredObject("usr_b/fil_2", clock.instant()), new StoredObject("usr_a/fil_1", clock.instant()));
            }
        };

        assertThatThrownBy(() -> new SweepFiles(keys, unordered, clock, Duration.ZERO).check())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ascending order");
    }

    @Test
    void a_negative_grace_age_is_refused() {
        assertThatThrownBy(() -> new SweepFiles(keys, storage, clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void file(String key) {
        put(key);
        keys.addRow(key);
    }

    private void put(String key) {
        storage.put(key, new ByteArrayInputStream(new byte[]{1}));
    }

    /** A storage whose delete of one key fails. */
    private static class RefusingDelete implements FileStorage {
        private final FileStorage storage;
        private final String refused;

        RefusingDelete(FileStorage storage, String refused) {
            this.storage = storage;
            this.refused = refused;
        }

        @Override
        public long put(String key, java.io.InputStream content) {
            return storage.put(key, content);
        }

        @Override
        public Optional<Content> open(String key) {
            return storage.open(key);
        }

        @Override
        public void delete(String key) {
            if (key.equals(refused)) {
                throw new IllegalStateException("storage unavailable");
            }
            storage.delete(key);
        }

        @Override
        public Stream<StoredObject> list() {
            return storage.list();
        }

        @Override
        public int removeUnfinished(Instant before) {
            return storage.removeUnfinished(before);
        }

        @Override
        public Optional<URI> link(String key, ServedAs servedAs) {
            return storage.link(key, servedAs);
        }
    }
}
