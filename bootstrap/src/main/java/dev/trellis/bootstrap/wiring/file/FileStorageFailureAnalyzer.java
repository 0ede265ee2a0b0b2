package dev.trellis.bootstrap.wiring.file;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A file storage that cannot be used (no bucket set, a bucket out of reach): one clear line and what to set. */
public class FileStorageFailureAnalyzer extends AbstractFailureAnalyzer<FileStorageUnavailable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FileStorageUnavailable cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check TRELLIS_FILES_STORAGE (local or s3) and, for s3, TRELLIS_FILES_S3_BUCKET, TRELLIS_FILES_S3_REGION,"
                        + " TRELLIS_FILES_S3_ENDPOINT, TRELLIS_FILES_S3_PATH_STYLE and the AWS credentials (AWS_ACCESS_KEY_ID /"
                        + " AWS_SECRET_ACCESS_KEY, a profile or a role); the bucket must exist. README: \"Files\".",
                cause);
    }
}
