/**
 * The event contract as this deployment publishes it: the public URL the schemas are named and served
 * below, and the settings of the served contract (topics, partitions, API version).
 */
package dev.trellis.bootstrap.wiring.events;
