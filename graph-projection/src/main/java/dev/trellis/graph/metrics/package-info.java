/**
 * What the projection counts and logs: the kit's counters with the commit-to-graph latency
 * ({@link dev.trellis.graph.metrics.ProjectionMetrics}), its histogram since the start, and the summary line
 * logged every 10 s while the projection works.
 */
package dev.trellis.graph.metrics;
