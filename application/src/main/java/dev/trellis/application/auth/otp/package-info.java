/**
 * Email one-time codes: a 6-digit code per purpose (sign-in, email verification, password reset) and address,
 * valid 5 minutes with 3 wrong guesses allowed, and the flows that use one up.
 */
package dev.trellis.application.auth.otp;
