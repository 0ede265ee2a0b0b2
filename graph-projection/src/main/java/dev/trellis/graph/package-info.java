/**
 * The graph projection, a downstream service of its own: its main ({@code java -jar trellis-graph.jar}, with the
 * {@code check} subcommand), its settings, and the service that wires the consumer kit's consumer, Neo4j and the
 * writer behind the kit's batch handler. It knows the platform through the event contract and the kit alone.
 */
package dev.trellis.graph;
