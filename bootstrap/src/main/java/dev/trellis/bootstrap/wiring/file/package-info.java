/**
 * The file feature's wiring: the storage the settings pick (local disk or an S3 bucket), bound to the
 * transaction; each file use case as a bean; the scheduled sweep that keeps bytes and rows in step; and the
 * cached gauges of files stored.
 */
package dev.trellis.bootstrap.wiring.file;
