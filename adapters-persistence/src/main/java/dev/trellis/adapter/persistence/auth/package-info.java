/**
 * Better Auth's session, account and verification tables, and the tables of its plugins ({@code jwks} of {@code jwt}, {@code two_factor} of {@code twoFactor}, {@code passkey} of {@code passkey}), which a Better Auth server may write too:
 * plain SQL over their own columns only.
 */
package dev.trellis.adapter.persistence.auth;
