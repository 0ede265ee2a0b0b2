/**
 * Uploaded bytes: a folder on local disk, and a wrapper that makes any storage follow the transaction
 * it is called in.
 */
package dev.trellis.adapter.persistence.storage;
