/** A real S3 API server (S3Proxy) in the test JVM, for this module's tests and bootstrap's. */
package dev.trellis.adapter.s3.testing;
