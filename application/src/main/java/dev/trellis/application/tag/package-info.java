/**
 * The shared tag vocabulary: every signed-in user lists and creates tags; only a tag's creator renames,
 * recolours or deletes it. Each write appends its one {@code tag.*} event to the outbox in the same transaction.
 */
package dev.trellis.application.tag;
