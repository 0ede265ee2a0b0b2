/**
 * The driven side of Better Auth's protocol: implementations of the application's auth ports
 * (password hashing, verification tokens, OAuth state, social providers, JWT keys, TOTP and two-factor sealing) in Better Auth's exact
 * formats, and the secret they share.
 */
package dev.trellis.adapter.web.auth.out;
