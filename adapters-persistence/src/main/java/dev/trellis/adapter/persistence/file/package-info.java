/**
 * File references (the files table): Spring Data JDBC rows for writes with the version check, SQL for
 * lists; the totals for the files-stored gauges.
 */
package dev.trellis.adapter.persistence.file;
