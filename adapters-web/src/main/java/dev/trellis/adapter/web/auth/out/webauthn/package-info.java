/**
 * WebAuthn behind the passkey flow's ports: webauthn4j checks what an authenticator answered, and
 * Jackson writes and reads a ceremony's challenge the way Better Auth's passkey plugin does.
 */
package dev.trellis.adapter.web.auth.out.webauthn;
