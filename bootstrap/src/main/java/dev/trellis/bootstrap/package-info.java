/**
 * The runnable application: TrellisApplication, whose main runs the command its arguments name
 * (serving HTTP by default). It switches on scheduling and scans the features' wiring, the embedded
 * servers and the web adapter.
 */
package dev.trellis.bootstrap;
