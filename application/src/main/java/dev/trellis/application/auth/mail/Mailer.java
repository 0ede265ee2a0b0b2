package dev.trellis.application.auth.mail;

/**
 * Sends the emails of the auth flows (reset links, verification links, magic links, one-time codes).
 * Called inside the use case's transaction; the adapter Trellis wires delivers once that transaction
 * has committed, on a background thread, so a slow or failing mail server neither delays the answer
 * (which would tell known from unknown addresses) nor sends a link whose row was rolled back.
 */
public interface Mailer {

    void send(MailMessage message);
}
