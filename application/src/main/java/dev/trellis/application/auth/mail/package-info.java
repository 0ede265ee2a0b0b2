/**
 * The emails of the auth flows: the {@link dev.trellis.application.auth.mail.Mailer} port, the message it sends,
 * and {@link dev.trellis.application.auth.mail.AuthMails}, which writes each email and its link as Better Auth does.
 */
package dev.trellis.application.auth.mail;
