/**
 * The two-factor plugin's driven side: TOTP codes by RFC 6238 as Better Auth computes them, and the
 * sealing of the {@code two_factor} table's secret and backup codes with the auth secret.
 */
package dev.trellis.adapter.web.auth.out.twofactor;
