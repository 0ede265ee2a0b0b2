package dev.trellis.bootstrap.files;

import dev.trellis.adapter.persistence.storage.LocalFileStorage;
import dev.trellis.adapter.s3.out.S3FileStorage;
import dev.trellis.adapter.s3.out.S3Settings;
import dev.trellis.adapter.s3.testing.TestS3Server;
import dev.trellis.application.file.FileStorage;
import dev.trellis.bootstrap.command.StorageBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Upload and download throughput through the storage port, one file at a time: the local disk, and an
 * S3 bucket on S3Proxy in this JVM (in-memory, over loopback HTTP: the adapter's own cost of signing,
 * HTTP and parts, not a network's). The same code as {@code files bench}. Prints; asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class FileStorageBenchmark {

    @TempDir
    Path folder;

    @Test
    void local_disk_and_s3() throws Exception {
        FileStorage local = new LocalFileStorage(folder);
        TestS3Server server = TestS3Server.get();
        try (S3FileStorage s3 = S3FileStorage.connect(new S3Settings(server.newBucket("trellis-bench"), "us-east-1",
                server.endpoint(), true, "", Duration.ZERO, 8 * 1024 * 1024, 8), TestS3Server.credentials())) {
            for (int[] shape : new int[][]{{64 * 1024, 200}, {8 * 1024 * 1024, 16}, {20 * 1024 * 1024, 6}}) {
                System.out.println("local disk: " + StorageBenchmark.run(local, shape[0], shape[1]));
                System.out.println("S3 (S3Proxy in memory, loopback): " + StorageBenchmark.run(s3, shape[0], shape[1]));
            }
        }
    }
}
