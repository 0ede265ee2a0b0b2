package dev.trellis.bootstrap.files;

import dev.trellis.bootstrap.auth.AuthTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bookkeeping scenarios with the bytes in a folder on local disk (the default storage). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false"})
class FileBookkeepingOnLocalDiskTest extends FileBookkeepingContract {

    static final Path FOLDER = folder();

    @DynamicPropertySource
    static void localDisk(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "files_local");
        registry.add("trellis.files.storage", () -> "local");
        registry.add("trellis.files.dir", FOLDER::toString);
    }

    @Override
    List<String> commandArguments() {
        return List.of("--trellis.files.storage=local", "--trellis.files.dir=" + FOLDER);
    }

    @Test
    void the_sweep_removes_temporary_files_of_uploads_a_crash_left_unfinished() throws IOException {
        Path temporary = Files.createDirectories(FOLDER.resolve(".tmp")).resolve("upload-crashed.part");
        Files.write(temporary, new byte[100]);
        Files.setLastModifiedTime(temporary, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Path fresh = Files.write(FOLDER.resolve(".tmp").resolve("upload-in-flight.part"), new byte[100]);

        assertThat(sweep.sweep().unfinishedRemoved()).isEqualTo(1);

        assertThat(temporary).doesNotExist();
        assertThat(fresh).as("younger than the grace age").exists();
        Files.delete(fresh);
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("trellis-files-bookkeeping");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
