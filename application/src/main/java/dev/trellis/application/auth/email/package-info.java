/**
 * Proving and changing an email address: verification links whose stateless signed tokens come from the
 * {@link dev.trellis.application.auth.email.EmailVerificationTokens} port, and the change of address they confirm.
 */
package dev.trellis.application.auth.email;
