package dev.trellis.bootstrap.files;

import dev.trellis.adapter.s3.testing.TestS3Server;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

/**
 * The bookkeeping scenarios with the bytes in a bucket of a real S3 API server in this JVM (S3Proxy),
 * reached as any S3-compatible server is: endpoint, path-style access, a key prefix, and credentials
 * from the SDK's default chain (here its system properties).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false"})
class FileBookkeepingOnS3Test extends FileBookkeepingContract {

    static final String BUCKET = "trellis-bookkeeping";

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "files_s3");
        TestS3Server server = TestS3Server.get();
        server.newBucket(BUCKET);
        System.setProperty("aws.accessKeyId", TestS3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", TestS3Server.SECRET_KEY);
        commandArguments(server).forEach(argument -> {
            String[] pair = argument.substring(2).split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        });
    }

    static List<String> commandArguments(TestS3Server server) {
        return List.of("--trellis.files.storage=s3", "--trellis.files.s3.bucket=" + BUCKET,
                "--trellis.files.s3.region=us-east-1", "--trellis.files.s3.endpoint=" + server.endpoint(),
                "--trellis.files.s3.path-style=true", "--trellis.files.s3.prefix=deployment-a/");
    }

    @Override
    List<String> commandArguments() {
        return commandArguments(TestS3Server.get());
    }
}
