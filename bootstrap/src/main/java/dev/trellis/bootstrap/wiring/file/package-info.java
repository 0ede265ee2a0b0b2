/**
 * The file feature's wiring: the transaction-bound local-disk storage for the bytes, each file use case as a bean,
 * and the cached gauges of files stored.
 */
package dev.trellis.bootstrap.wiring.file;
