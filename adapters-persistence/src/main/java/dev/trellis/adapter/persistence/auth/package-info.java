/**
 * Better Auth's session, account and verification tables, the {@code jwks} table of its {@code jwt} plugin and the {@code passkey} table of its {@code passkey} plugin, which a Better Auth server may write too:
 * plain SQL over their own columns only.
 */
package dev.trellis.adapter.persistence.auth;
