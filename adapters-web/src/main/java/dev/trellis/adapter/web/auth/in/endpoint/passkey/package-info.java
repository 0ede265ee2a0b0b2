/**
 * Better Auth's {@code passkey} plugin over HTTP ({@code /api/auth/passkey/*}): WebAuthn options in
 * SimpleWebAuthn's JSON, their verification, and the management of a user's passkeys.
 */
package dev.trellis.adapter.web.auth.in.endpoint.passkey;
