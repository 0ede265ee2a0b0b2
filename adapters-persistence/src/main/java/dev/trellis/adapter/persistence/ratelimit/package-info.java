/**
 * The rate-limit counters: Better Auth's {@code rate_limit} table, one atomic statement per request, shared by
 * every instance on the database; or one JVM's memory.
 */
package dev.trellis.adapter.persistence.ratelimit;
