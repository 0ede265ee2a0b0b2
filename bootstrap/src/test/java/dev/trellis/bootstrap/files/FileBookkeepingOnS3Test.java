package dev.trellis.bootstrap.files;

import dev.trellis.adapter.s3.testing.TestS3Server;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>(TestS3Server.get().applicationProperties(BUCKET));
        properties.put("trellis.files.s3.prefix", "deployment-a/");
        return properties;
    }

    @Override
    List<String> commandArguments() {
        return properties().entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toList();
    }
}
