/** The item feature's wiring: each item use case as a bean, over the item and tag repositories, the outbox and the clock. */
package dev.trellis.bootstrap.wiring.item;
