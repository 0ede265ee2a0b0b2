/**
 * Better Auth's {@code jwt} plugin over HTTP: the public key set ({@code /api/auth/jwks}), a token for
 * the signed-in user ({@code /api/auth/token}) and the {@code set-auth-jwt} header on {@code get-session}.
 */
package dev.trellis.adapter.web.auth.in.endpoint.jwt;
