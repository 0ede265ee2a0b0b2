/**
 * Better Auth's {@code jwt} plugin: JWTs that say who is signed in, signed with keys kept in Better
 * Auth's {@code jwks} table, and the set of public keys a downstream service verifies them with. The
 * keys come from the {@link dev.trellis.application.auth.jwt.SigningKeyRepository} port, their making and
 * the signing from the {@link dev.trellis.application.auth.jwt.JwtKeyMaterial} port.
 */
package dev.trellis.application.auth.jwt;
