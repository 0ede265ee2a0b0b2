/**
 * Better Auth's session, account and verification tables, and the {@code jwks} table of its {@code jwt} plugin, which a Better Auth server may write too:
 * plain SQL over their own columns only.
 */
package dev.trellis.adapter.persistence.auth;
