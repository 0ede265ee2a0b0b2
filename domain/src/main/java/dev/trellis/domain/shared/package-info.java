/**
 * What every part of the domain shares: prefixed ids, the base of domain failures (invalid input, not
 * found, stale version, data access) and small checked texts such as web URLs.
 */
package dev.trellis.domain.shared;
