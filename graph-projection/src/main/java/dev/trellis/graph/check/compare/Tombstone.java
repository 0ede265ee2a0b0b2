package dev.trellis.graph.check.compare;

/** A tombstone in the graph: {@code type} is the aggregate type, {@code version} the deletion's (null when not an integer). */
public record Tombstone(String type, String id, Long version) {
}
