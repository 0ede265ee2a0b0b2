/**
 * Files' bytes in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, ...) through the AWS SDK for
 * Java v2: the storage port's driven adapter, and the settings that point it at a bucket.
 */
package dev.trellis.adapter.s3.out;
