/**
 * Sending the auth flows' emails: over SMTP, or as .eml files in a local mailbox in development, in
 * the background so a request never waits for the mail server.
 */
package dev.trellis.adapter.messaging.mail;
