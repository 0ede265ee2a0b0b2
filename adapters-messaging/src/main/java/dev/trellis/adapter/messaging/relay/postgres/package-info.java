/**
 * What the relay asks of PostgreSQL: the connection details Debezium needs, the advisory-lock
 * leadership that lets one relay stream at a time, the replication slot's health, its default name
 * (from the database) and the slots left behind, and the table where Debezium keeps its offsets.
 */
package dev.trellis.adapter.messaging.relay.postgres;
