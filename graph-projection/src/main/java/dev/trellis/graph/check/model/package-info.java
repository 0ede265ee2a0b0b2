/**
 * What the check compares and what it can find: the four node kinds and five relations as each store holds them
 * (the SQL and the Cypher that read one row in the same shape), the report's sections, and the differences.
 */
package dev.trellis.graph.check.model;
