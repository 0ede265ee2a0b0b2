/**
 * What the persistence adapters share: PostgreSQL's errors turned into the domain's failures, enum
 * and id conversions, and row-mapping helpers.
 */
package dev.trellis.adapter.persistence;
