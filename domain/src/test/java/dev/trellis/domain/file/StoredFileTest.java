package dev.trellis.domain.file;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class StoredFileTest {

    private static final UserId OWNER = UserId.generate();
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00.123456789Z");

    private static StoredFile file(String filename, long size) {
        return StoredFile.create(FileId.generate(), OWNER, null, filename, "files/key", null, size,
                new MimeType("image/png"), NOW);
    }

    @Test
    void a_new_file_is_unattached_at_version_0_with_a_stripped_name() {
        StoredFile file = file("  photo.png ", 0);

        assertThat(file.filename()).isEqualTo("photo.png");
        assertThat(file.item()).isNull();
        assertThat(file.version()).isZero();
        assertThat(file.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00.123456Z"));
        assertThat(file.isOwnedBy(OWNER)).isTrue();
    }

    @Test
    void a_negative_size_is_refused() {
        assertInvalid(() -> file("photo.png", -1), "size", "size.negative");
    }

    @Test
    void a_size_must_fit_the_integer_column() {
        assertThat(file("photo.png", Integer.MAX_VALUE).size()).isEqualTo(Integer.MAX_VALUE);
        assertInvalid(() -> file("photo.png", Integer.MAX_VALUE + 1L), "size", "size.too_large");
    }

    @Test
    void a_filename_is_required_and_has_no_nul() {
        assertInvalid(() -> file("  ", 1), "filename", "text.blank");
        assertInvalid(() -> file("a".repeat(StoredFile.MAX_FILENAME_LENGTH + 1), 1), "filename", "text.too_long");
        assertInvalid(() -> file("evil\0.png", 1), "filename", "filename.invalid");
    }

    @Test
    void attaching_and_detaching_keeps_everything_else() {
        StoredFile file = file("photo.png", 10);
        ItemId item = ItemId.generate();

        StoredFile attached = file.attachTo(item);
        StoredFile detached = attached.attachTo(null);

        assertThat(attached.item()).isEqualTo(item);
        assertThat(detached).isEqualTo(file);
    }
}
