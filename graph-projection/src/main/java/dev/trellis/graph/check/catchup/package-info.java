/**
 * The wait before comparing: until the relay has published up to the snapshot's outbox position, then until the
 * projection's consumer group has committed what was published ({@link dev.trellis.graph.check.catchup.CatchUp}).
 */
package dev.trellis.graph.check.catchup;
