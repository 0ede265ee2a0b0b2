/**
 * Better Auth's {@code twoFactor} plugin: enrolling a TOTP authenticator with backup codes, and the
 * second factor a sign-in then owes (TOTP, a backup code or an emailed OTP), with its per-challenge
 * attempts, the account lock after repeated failures and trusted devices. Enrolments come from the
 * {@link dev.trellis.application.auth.twofactor.TwoFactorRepository} port, sealing and TOTP arithmetic
 * from the {@link dev.trellis.application.auth.twofactor.TwoFactorVault} and
 * {@link dev.trellis.application.auth.twofactor.TotpCodes} ports.
 */
package dev.trellis.application.auth.twofactor;
