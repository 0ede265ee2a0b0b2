/**
 * Auth, Better Auth's protocol as use cases: one sub-package per flow (session, password, email, otp,
 * magiclink, social, account) and per plugin (jwt, twofactor, passkey), and here the vocabulary they share: the {@link dev.trellis.application.auth.AuthFailure}
 * refusals with Better Auth's codes, the settings, the client info and the signed-in caller.
 */
package dev.trellis.application.auth;
