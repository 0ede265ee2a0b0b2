/**
 * The {@code check} subcommand: proves the graph equal to PostgreSQL or lists how it differs. It holds the command
 * and its settings, and {@link dev.trellis.graph.check.GraphChecker} with its phases: the point, the checksum pass
 * with its drill-down, and the re-check; the sub-packages hold what those phases use.
 */
package dev.trellis.graph.check;
