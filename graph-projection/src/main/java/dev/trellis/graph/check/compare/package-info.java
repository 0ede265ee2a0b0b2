/**
 * The comparison itself, without I/O: both sides' rows in one canonical form, their 128-bit hashes summed per id
 * range, the id ranges in code point order, and the comparison of one aggregate (row, nodes and tombstone) into
 * differences. The PostgreSQL and Neo4j readers build on it.
 */
package dev.trellis.graph.check.compare;
