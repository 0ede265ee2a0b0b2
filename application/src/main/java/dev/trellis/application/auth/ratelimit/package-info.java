/**
 * Better Auth's rate limits: the counters port every instance shares (Better Auth's {@code rateLimit} table, or
 * one JVM's memory), its rule and answer, and counting one request under Better Auth's key.
 */
package dev.trellis.application.auth.ratelimit;
