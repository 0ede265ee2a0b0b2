package dev.trellis.adapter.persistence.storage;

import dev.trellis.application.contract.FileStorageContract;
import dev.trellis.application.file.FileStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The storage contract on a real folder, and what only the disk adapter promises. */
class LocalFileStorageTest extends FileStorageContract {

    @TempDir
    Path folder;
    LocalFileStorage local;

    @Override
    protected FileStorage emptyStorage() {
        local = new LocalFileStorage(folder.resolve("files"));
        return local;
    }

    @Test
    void the_key_is_the_path_under_the_root_and_no_temporary_file_stays() throws IOException {
        local.put("usr_aaaaaaaaaaaa/fil_aaaaaaaaaaaa", new ByteArrayInputStream(new byte[]{1, 2, 3}));

        assertThat(Files.readAllBytes(folder.resolve("files/usr_aaaaaaaaaaaa/fil_aaaaaaaaaaaa"))).containsExactly(1, 2, 3);
        try (Stream<Path> temporary = Files.list(folder.resolve("files").resolve(LocalFileStorage.TEMPORARY_FOLDER))) {
            assertThat(temporary).isEmpty();
        }
    }

    @Test
    void stored_files_are_readable_by_their_owner_only() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        local.put("usr_aaaaaaaaaaaa/fil_aaaaaaaaaaaa", new ByteArrayInputStream(new byte[]{1}));

        assertThat(Files.getPosixFilePermissions(folder.resolve("files/usr_aaaaaaaaaaaa/fil_aaaaaaaaaaaa")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "usr_a/../../escape", "/etc/passwd", "usr_a/./fil_b", "usr_a\\fil_b", "usr_a//fil_b",
            "", ".tmp/x", "usr_a/fil_b/", "usr_a/fil b", "a/b/c/d/e"})
    void anything_but_trellis_key_shape_is_refused(String key) {
        assertThatThrownBy(() -> local.put(key, new ByteArrayInputStream(new byte[]{1}))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> local.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> local.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(folder.resolve("escape")).doesNotExist();
    }
}
