/**
 * What the projection counts and logs: the kit's counters with the commit-to-graph latency
 * ({@link dev.trellis.graph.metrics.ProjectionMetrics}), its histogram since the start, the summary line
 * logged every 10 s while the projection works, and the Prometheus endpoint that serves them.
 */
package dev.trellis.graph.metrics;
