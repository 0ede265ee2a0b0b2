/**
 * Better Auth's {@code jwt} plugin, driven side: Ed25519 key pairs as JWKs, private keys sealed with
 * XChaCha20-Poly1305 under the shared secret, and EdDSA-signed JWTs, all as Better Auth writes them.
 */
package dev.trellis.adapter.web.auth.out.jwt;
