package dev.trellis.application.auth.mail;

import java.util.Objects;

/** One plain-text email to one address. The text carries secrets (links, codes): never logged whole. */
public record MailMessage(String to, String subject, String text) {

    public MailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "MailMessage[to " + to + ", " + subject + "]";
    }
}
