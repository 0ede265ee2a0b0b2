/**
 * The fence in a SQL store (PostgreSQL): the applied versions and tombstones in the service's own table, on the
 * connection of its own transaction, and the {@link dev.trellis.event.consumer.jdbc.JdbcBatchHandler} that runs a
 * batch in one such transaction. For services whose store is SQL.
 */
package dev.trellis.event.consumer.jdbc;
