/**
 * Better Auth's session, account and verification tables, which a Better Auth server may write too:
 * plain SQL over their own columns only.
 */
package dev.trellis.adapter.persistence.auth;
