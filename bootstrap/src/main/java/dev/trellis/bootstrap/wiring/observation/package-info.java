/**
 * What the application observes beyond Spring Boot's own observations (HTTP, scheduled tasks): a span around each
 * use case, the trace context it hands to the events it writes, and which JDBC spans are kept.
 */
package dev.trellis.bootstrap.wiring.observation;
