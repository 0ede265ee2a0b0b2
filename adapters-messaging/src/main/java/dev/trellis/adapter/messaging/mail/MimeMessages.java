package dev.trellis.adapter.messaging.mail;

import dev.trellis.application.auth.mail.MailMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/** A plain-text UTF-8 MIME message from a {@link MailMessage}. */
final class MimeMessages {

    private MimeMessages() {
    }

    /** {@code "Trellis <no-reply@example.com>"} or a bare address; a malformed one stops start-up. */
    static InternetAddress sender(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("trellis.mail.from is not an email address: " + from, e);
        }
    }

    static void fill(MimeMessage mime, InternetAddress from, MailMessage message, Date sent) {
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.to());
            helper.setSubject(message.subject());
            helper.setText(message.text(), false);
            helper.setSentDate(sent);
        } catch (MessagingException e) {
            throw new MailPreparationException("could not build the mail to " + message.to(), e);
        }
    }
}
