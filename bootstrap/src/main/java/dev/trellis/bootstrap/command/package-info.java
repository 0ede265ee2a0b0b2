/**
 * The command line: one Command per first argument (serve, seed, snapshot, relay, watch, files), picked by
 * Commands. Each command returns its exit status; only the application's main ends the process.
 */
package dev.trellis.bootstrap.command;
