/**
 * The snapshot's reads of the current state, a page at a time in the caller's transaction, holding
 * the page's event order until it commits.
 */
package dev.trellis.adapter.persistence.snapshot;
