/**
 * PostgreSQL's side of the check: where the database is ({@code DATABASE_URL} or the application's embedded
 * one), the exported snapshot that parallel readers share, and its rows read as canonical rows.
 */
package dev.trellis.graph.check.postgres;
