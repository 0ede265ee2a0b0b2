/** The file feature's wiring: the transaction-bound local-disk storage for the bytes and each file use case as a bean. */
package dev.trellis.bootstrap.wiring.file;
