/**
 * The payloads as Java records, one per shape: the full state after a change ({@code *State}) and what a
 * deletion names ({@code *Deleted}), each mirroring its JSON Schema (a test holds them together). The application
 * writes them into the outbox; consumers read them from {@link dev.trellis.event.contract.TrellisEvent#payload()}.
 */
package dev.trellis.event.contract.payload;
