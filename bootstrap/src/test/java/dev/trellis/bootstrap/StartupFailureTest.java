package dev.trellis.bootstrap;

import dev.trellis.bootstrap.runtime.database.DatabaseStartupFailureAnalyzer;
import dev.trellis.bootstrap.wiring.file.FileStorageFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A bad or unreachable database, or file storage, stops start-up quickly, explained in one line. */
class StartupFailureTest {

    static final String SECRET = "--BETTER_AUTH_SECRET=test-secret-0123456789abcdef0123456789abcdef";

    @Test
    void an_external_database_without_a_secret_is_refused_in_one_line() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                "--spring.datasource.url=" + dev.trellis.adapter.persistence.testing.TestPostgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--server.port=0"));

        FailureAnalysis analysis = new dev.trellis.bootstrap.wiring.auth.AuthSecretFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("BETTER_AUTH_SECRET is not set");
    }

    @Test
    void a_malformed_database_url_is_named_in_one_line() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                "--DATABASE_URL=mysql://user:secret@db.example.com/app", "--server.port=0", SECRET));

        FailureAnalysis analysis = new DatabaseStartupFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("Invalid DATABASE_URL: DATABASE_URL must start with postgresql:// or postgres://, not mysql://")
                .doesNotContain("secret");
    }

    @Test
    void an_unreachable_database_fails_fast_with_a_clear_line() {
        Instant start = Instant.now();
        Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                "--DATABASE_URL=postgresql://user:secret@127.0.0.1:1/app", "--server.port=0", SECRET));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
        FailureAnalysis analysis = new DatabaseStartupFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Cannot connect to the database: ")
                .contains("127.0.0.1:1").doesNotContain("secret").doesNotContain("\n");
    }

    @Test
    void an_s3_storage_without_a_bucket_is_named_in_one_line() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                "--spring.datasource.url=" + dev.trellis.adapter.persistence.testing.TestPostgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--server.port=0", SECRET, "--trellis.files.storage=s3"));

        FailureAnalysis analysis = new FileStorageFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("The file storage cannot be used: the S3 bucket is not set (TRELLIS_FILES_S3_BUCKET)");
        assertThat(analysis.getAction()).contains("TRELLIS_FILES_S3_BUCKET");
    }

    @Test
    void an_unreachable_bucket_stops_start_up_with_a_clear_line() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                "--spring.datasource.url=" + dev.trellis.adapter.persistence.testing.TestPostgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--server.port=0", SECRET, "--trellis.files.storage=s3",
                "--trellis.files.s3.bucket=trellis-files", "--trellis.files.s3.region=us-east-1",
                "--trellis.files.s3.endpoint=http://127.0.0.1:1", "--trellis.files.s3.path-style=true"));

        FailureAnalysis analysis = new FileStorageFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("The file storage cannot be used: The S3 bucket 'trellis-files' cannot be reached at http://127.0.0.1:1");
    }

    @Test
    void an_unknown_storage_is_named_in_one_line() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                "--spring.datasource.url=" + dev.trellis.adapter.persistence.testing.TestPostgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--server.port=0", SECRET, "--trellis.files.storage=gcs"));

        FailureAnalysis analysis = new FileStorageFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("is 'local' or 's3', not 'gcs'");
    }
}
