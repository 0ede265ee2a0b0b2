/**
 * Spring Data JDBC with PostgreSQL's enum converters, and the persistence adapters behind the
 * domain's and application's ports: repositories, the outbox, the snapshot's reads, the demo data.
 */
package dev.trellis.bootstrap.wiring.persistence;
