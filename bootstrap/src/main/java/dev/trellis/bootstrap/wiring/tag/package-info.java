/** The tag feature's wiring: each tag use case as a bean, over the tag repository, the outbox and the clock. */
package dev.trellis.bootstrap.wiring.tag;
