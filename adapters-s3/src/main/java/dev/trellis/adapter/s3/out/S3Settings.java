package dev.trellis.adapter.s3.out;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to reach the bucket. {@code region} and {@code endpoint} may be null (the SDK's own
 * defaults: {@code AWS_REGION}, the AWS endpoint); {@code prefix} is put before every key ("" for none,
 * else ending in {@code /}); {@code linkLifetime} zero streams downloads through the application,
 * otherwise they are redirected to presigned URLs that live this long; {@code partSize} is the size of
 * an upload's parts, and the most memory one upload holds; {@code maxConnections} bounds the
 * connections to the storage, so also the downloads streamed at once.
 */
public record S3Settings(String bucket, String region, URI endpoint, boolean pathStyle, String prefix,
                         Duration linkLifetime, int partSize, int maxConnections) {

    /** S3's smallest part (but the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 bucket is not set (TRELLIS_FILES_S3_BUCKET)");
        }
        region = region == null || region.isBlank() ? null : region.strip();
        prefix = prefix == null ? "" : prefix.strip();
        if (!prefix.isEmpty() && !prefix.matches("([A-Za-z0-9_.-]+/)+")) {
            throw new IllegalArgumentException("the S3 key prefix must be folder names each ending in '/' (like 'trellis/'): " + prefix);
        }
        if (linkLifetime == null || linkLifetime.isNegative() || linkLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("the presigned link lifetime must be 0 (stream) up to 7 days: " + linkLifetime);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the S3 connection pool needs at least 1 connection: " + maxConnections);
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("the S3 part size must be at least 5 MiB: " + partSize);
        }
    }
}
