/**
 * Better Auth's {@code twoFactor} plugin over HTTP ({@code /api/auth/two-factor/*}): enrolment, the
 * second factor of a pending sign-in, and the step {@code /sign-in/email} takes when one is due.
 */
package dev.trellis.adapter.web.auth.in.endpoint.twofactor;
