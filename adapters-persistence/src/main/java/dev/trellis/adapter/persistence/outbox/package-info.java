/**
 * The outbox table the use cases append their events to, in the transaction of the change, each
 * payload stamped with its aggregate's next version.
 */
package dev.trellis.adapter.persistence.outbox;
