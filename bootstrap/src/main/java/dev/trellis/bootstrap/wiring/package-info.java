/**
 * The wiring of the application, one sub-package per feature (its use cases, adapters and settings
 * as beans); what every feature shares, the clock, is here.
 */
package dev.trellis.bootstrap.wiring;
