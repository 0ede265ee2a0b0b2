/**
 * The demo data written at start-up: always on the embedded database, elsewhere when
 * TRELLIS_DEMO_DATA or the seed command asks for it.
 */
package dev.trellis.bootstrap.wiring.demo;
