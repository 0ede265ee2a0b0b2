/**
 * The wiring of Better Auth's protocol: its settings and the one secret, every flow's use cases and
 * the internals they share, the email flows and social sign-in with their providers, the JWT plugin
 * (signing keys, {@code /jwks}, {@code /token}), the two-factor plugin, the passkey plugin (WebAuthn), the security filter chain and where its rate limits count,
 * the scheduled purge of expired auth rows and idle rate-limit counters, and the one-line answer to a missing secret.
 */
package dev.trellis.bootstrap.wiring.auth;
