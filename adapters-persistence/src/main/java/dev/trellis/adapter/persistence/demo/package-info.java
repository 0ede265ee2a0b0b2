/**
 * The demo data (demo@example.com with its tags and items), written idempotently in one transaction.
 */
package dev.trellis.adapter.persistence.demo;
