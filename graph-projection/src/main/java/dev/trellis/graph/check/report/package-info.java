/**
 * What a check comes to: the {@link dev.trellis.graph.check.report.CheckReport} (the points compared at, counts per
 * section, the differences, the re-check, the work done) as the command prints it, or
 * {@link dev.trellis.graph.check.report.CheckFailed} when no check could be made.
 */
package dev.trellis.graph.check.report;
