/**
 * The database the application runs on: DATABASE_URL read into Spring's datasource settings, the
 * embedded PostgreSQL started when none is configured (shared with commands run beside the
 * application), and the one-line explanations of a start-up that fails for want of one.
 */
package dev.trellis.bootstrap.runtime.database;
