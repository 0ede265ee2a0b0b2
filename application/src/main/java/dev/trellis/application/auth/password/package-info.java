/**
 * Email and password: sign up, sign in, change the password, and reset a forgotten one through a single-use
 * emailed link; with the {@link dev.trellis.application.auth.password.PasswordHasher} port (Better Auth's scrypt format).
 */
package dev.trellis.application.auth.password;
