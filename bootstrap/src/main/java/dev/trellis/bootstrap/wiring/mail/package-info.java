/**
 * The mail the auth flows send: SMTP when spring.mail is configured, else .eml files in a local
 * mailbox, sent in the background.
 */
package dev.trellis.bootstrap.wiring.mail;
