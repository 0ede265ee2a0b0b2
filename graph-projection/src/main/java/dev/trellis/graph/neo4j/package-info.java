/**
 * The projection's side of Neo4j: the embedded server (the zero-install default), the schema, the fixed-shape
 * statements ({@code UNWIND $rows AS row MERGE ...} with the version guard) and the writer that applies a batch in
 * one transaction, with the graph itself as the version fence.
 */
package dev.trellis.graph.neo4j;
