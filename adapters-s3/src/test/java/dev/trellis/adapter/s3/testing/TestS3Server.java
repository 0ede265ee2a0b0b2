package dev.trellis.adapter.s3.testing;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real S3 API server in the test JVM: S3Proxy over an in-memory blob store, on a free loopback port,
 * with AWS signature checks on. One per JVM, started on first use; buckets are made per test.
 */
public final class TestS3Server {

    public static final String ACCESS_KEY = "trellis-test-access";
    public static final String SECRET_KEY = "trellis-test-secret-0123456789";

    private static TestS3Server instance;

    private final S3Proxy proxy;
    private final BlobStore blobs;

    private TestS3Server() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient-nio2").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        blobs = context.getBlobStore();
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized TestS3Server get() {
        if (instance == null) {
            try {
                instance = new TestS3Server();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start S3Proxy", e);
            }
        }
        return instance;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A new empty bucket. */
    public String newBucket(String name) {
        blobs.createContainerInLocation(null, name);
        return name;
    }

    /**
     * The application's settings for a bucket of this server (new if missing), as an S3-compatible server
     * is configured: {@code trellis.files.storage=s3}, bucket, region, endpoint, path-style access. Makes
     * this server's keys the JVM's default AWS credentials (the SDK's chain reads the system properties),
     * so every application context in the JVM, one or several instances, reaches the same bucket.
     */
    public Map<String, String> applicationProperties(String bucket) {
        if (!blobs.containerExists(bucket)) {
            newBucket(bucket);
        }
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("trellis.files.storage", "s3");
        properties.put("trellis.files.s3.bucket", bucket);
        properties.put("trellis.files.s3.region", "us-east-1");
        properties.put("trellis.files.s3.endpoint", endpoint().toString());
        properties.put("trellis.files.s3.path-style", "true");
        return properties;
    }

    /** The names of the objects in {@code bucket}, as the server holds them. */
    public List<String> keys(String bucket) {
        return blobs.list(bucket, ListContainerOptions.Builder.recursive()).stream().map(StorageMetadata::getName).toList();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }
}
