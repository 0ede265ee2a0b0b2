/**
 * The signed-in user's items: one use case per activity, each {@code handle(caller, command)} in one
 * transaction that changes the item and appends its one event to the outbox. Another user's item is as
 * missing as one that does not exist.
 */
package dev.trellis.application.item;
