package dev.trellis.graph.check.model;

/**
 * One difference. {@code aggregate} and {@code aggregateId} name the aggregate whose events decide the
 * difference (for a relationship: the item of OWNS and TAGGED, the file of HAS_FILE and UPLOADED, the tag of
 * CREATED); both are null for a finding about the graph's shape (a node without id, a relationship between
 * labels the model does not connect).
 */
public record Difference(Section section, DifferenceType type, NodeKind aggregate, String aggregateId, String detail) {
}
