/**
 * What every part of the domain shares: the typed, prefixed ids by which aggregates reference each
 * other ({@code UserId}, {@code ItemId}, {@code TagId}, {@code FileId}; here so that no aggregate's
 * package needs another's to name it), the base of domain failures (invalid input, not found, stale
 * version, data access) and small checked texts such as web URLs.
 */
package dev.trellis.domain.shared;
