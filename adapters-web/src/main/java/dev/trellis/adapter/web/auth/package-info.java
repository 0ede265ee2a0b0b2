/**
 * Better Auth's protocol, so that Better Auth's own clients and a Better Auth server work with Trellis:
 * {@code in} is the driving side (its endpoints under {@code /api/auth}, the filters, the cookies and
 * its error shape), {@code out} the driven side (the verification JWT, the OAuth state codec, the
 * password hasher, the social providers and the one shared secret). {@link dev.trellis.adapter.web.auth.AuthConfig}
 * holds the settings both sides read: base URL, trusted origins, the base path.
 */
package dev.trellis.adapter.web.auth;
