package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.s3.out.S3Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code trellis.files.*} (README "Files"); each also as an environment variable, e.g.
 * TRELLIS_FILES_STORAGE, TRELLIS_FILES_S3_BUCKET, TRELLIS_FILES_SWEEP_GRACE.
 *
 * @param storage {@code local} (a folder, the default) or {@code s3} (a bucket)
 */
@ConfigurationProperties("trellis.files")
public record FilesProperties(String storage, Path dir, S3 s3, Sweep sweep) {

    /** The bucket's settings, used when {@code storage} is {@code s3}. */
    public record S3(String bucket, String region, URI endpoint, boolean pathStyle, String prefix, Duration linkLifetime,
                     DataSize partSize, int maxConnections) {

        S3Settings settings() {
            if (partSize.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("trellis.files.s3.part-size is at most 2 GB: " + partSize);
            }
            return new S3Settings(bucket, region, endpoint, pathStyle, prefix, linkLifetime, (int) partSize.toBytes(), maxConnections);
        }
    }

    /**
     * The bookkeeping: deleted rows' bytes removed every {@code deletionInterval}; a full sweep every
     * {@code interval}, which removes bytes without a row once they are older than {@code grace}.
     */
    public record Sweep(boolean enabled, Duration deletionInterval, Duration interval, Duration grace) {
    }
}
