/**
 * The graph's side of the check: nodes, relationships and tombstones read from Neo4j as canonical rows, each id
 * range an index seek, and the shape problems the id ranges cannot see.
 */
package dev.trellis.graph.check.neo4j;
