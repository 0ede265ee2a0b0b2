/**
 * Republishing the current state as {@code *.snapshot} events for a consumer that starts late: the use case,
 * its page-by-page transactions, what a snapshot covers, and the {@link dev.trellis.application.snapshot.CurrentState}
 * port it reads.
 */
package dev.trellis.application.snapshot;
