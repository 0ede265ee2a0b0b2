package dev.trellis.adapter.s3.out;

import dev.trellis.application.file.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Uploaded bytes as objects in an S3-compatible bucket, one object per key ({@code <prefix><userId>/<fileId>}).
 * A put streams: it reads one part at a time (at most {@code partSize} bytes in memory); content that
 * fits one part goes up in one request, larger content as a multipart upload that is aborted when
 * anything fails, so a reader sees the whole object or none. Reads stream the object; with a link
 * lifetime set, downloads are redirected to presigned URLs instead. Credentials come from the SDK's
 * default chain (environment, system properties, profile, container or instance role).
 */
public class S3FileStorage implements FileStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3FileStorage.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,255}(/[A-Za-z0-9_-]{1,255}){0,3}");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3Settings settings;

    S3FileStorage(S3Client s3, S3Presigner presigner, S3Settings settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.settings = settings;
    }

    /** A storage on the bucket the settings name, with credentials from the SDK's default chain. */
    public static S3FileStorage connect(S3Settings settings) {
        return connect(settings, DefaultCredentialsProvider.builder().build());
    }

    /** A storage on the bucket the settings name; fails with a clear message when the bucket cannot be reached. */
    public static S3FileStorage connect(S3Settings settings, AwsCredentialsProvider credentials) {
        S3Configuration s3Configuration = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        S3ClientBuilder client = S3Client.builder().credentialsProvider(credentials).serviceConfiguration(s3Configuration)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(settings.maxConnections()))
                // S3-compatible servers (MinIO, R2, S3Proxy) do not all take the SDK's newer default trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder presigner = S3Presigner.builder().credentialsProvider(credentials).serviceConfiguration(s3Configuration);
        if (settings.region() != null) {
            client.region(Region.of(settings.region()));
            presigner.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
            presigner.endpointOverride(settings.endpoint());
        }
        S3Client s3 = client.build();
        try {
            s3.headBucket(request -> request.bucket(settings.bucket()));
        } catch (RuntimeException e) {
            s3.close();
            throw new IllegalStateException("The S3 bucket '" + settings.bucket() + "' cannot be reached"
                    + (settings.endpoint() == null ? "" : " at " + settings.endpoint()) + ": " + e.getMessage(), e);
        }
        return new S3FileStorage(s3, presigner.build(), settings);
    }

    @Override
    public long put(String key, InputStream content) {
        String object = object(key);
        if (exists(object)) {
            throw new IllegalStateException("storage key " + key + " already holds bytes");
        }
        byte[] part = new byte[settings.partSize()];
        int filled = fill(content, part, key);
        if (filled < part.length) {
            s3.putObject(request -> request.bucket(settings.bucket()).key(object).contentLength((long) filled),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
            return filled;
        }
        return multipart(key, object, content, part);
    }

    private long multipart(String key, String object, InputStream content, byte[] part) {
        String upload = s3.createMultipartUpload(request -> request.bucket(settings.bucket()).key(object)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            int filled = part.length;
            while (filled > 0) {
                int number = parts.size() + 1;
                int length = filled;
                String etag = s3.uploadPart(request -> request.bucket(settings.bucket()).key(object).uploadId(upload)
                                .partNumber(number).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += length;
                filled = length < part.length ? 0 : fill(content, part, key);
            }
            s3.completeMultipartUpload(request -> request.bucket(settings.bucket()).key(object).uploadId(upload)
                    .multipartUpload(completed -> completed.parts(parts)));
            return size;
        } catch (RuntimeException e) {
            abort(object, upload);
            throw e;
        }
    }

    /** Reads until {@code buffer} is full or the content ends; returns how many bytes were read. */
    private static int fill(InputStream content, byte[] buffer, String key) {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the bytes of " + key, e);
        }
    }

    private void abort(String object, String upload) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(settings.bucket()).key(object).uploadId(upload));
        } catch (RuntimeException e) {
            log.warn("Could not abort the multipart upload {} of {}; the sweep aborts it later", upload, object, e);
        }
    }

    @Override
    public Optional<Content> open(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(settings.bucket()).key(object(key)));
            return Optional.of(new Content(in, in.response().contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(settings.bucket()).key(object(key)));
    }

    /** The bucket's objects under the prefix, as S3 lists them: in ascending (UTF-8 byte) order of the key. */
    @Override
    public Stream<StoredObject> list() {
        return s3.listObjectsV2Paginator(request -> request.bucket(settings.bucket()).prefix(settings.prefix()))
                .contents().stream()
                .map(object -> new StoredObject(object.key().substring(settings.prefix().length()), object.lastModified()))
                .filter(object -> KEY.matcher(object.key()).matches());
    }

    /** Aborts multipart uploads under the prefix begun before {@code before} (the process died mid-upload). */
    @Override
    public int removeUnfinished(Instant before) {
        int aborted = 0;
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request -> request.bucket(settings.bucket())
                .prefix(settings.prefix())).uploads()) {
            if (upload.initiated().isBefore(before)) {
                try {
                    s3.abortMultipartUpload(request -> request.bucket(settings.bucket()).key(upload.key()).uploadId(upload.uploadId()));
                    aborted++;
                } catch (NoSuchUploadException e) {
                    // finished or aborted meanwhile
                }
            }
        }
        return aborted;
    }

    @Override
    public Optional<URI> link(String key, ServedAs servedAs) {
        if (settings.linkLifetime().isZero()) {
            return Optional.empty();
        }
        String object = object(key);
        try {
            return Optional.of(presigner.presignGetObject(presign -> presign.signatureDuration(settings.linkLifetime())
                    .getObjectRequest(request -> request.bucket(settings.bucket()).key(object)
                            .responseContentType(servedAs.contentType())
                            .responseContentDisposition(servedAs.contentDisposition()))).url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK presigned a malformed URL for " + key, e);
        }
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
    }

    private boolean exists(String object) {
        try {
            s3.headObject(request -> request.bucket(settings.bucket()).key(object));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The object's name for a key; anything but Trellis's key shape is refused. */
    private String object(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return settings.prefix() + key;
    }
}
