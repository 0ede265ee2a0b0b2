package dev.trellis.adapter.messaging.mail;

import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.auth.mail.Mailer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;
import java.util.Date;

/**
 * Sends through an SMTP server with Spring's {@link JavaMailSender}, which Spring Boot configures
 * from {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT},
 * {@code SPRING_MAIL_USERNAME}, {@code SPRING_MAIL_PASSWORD}, {@code SPRING_MAIL_PROPERTIES_*}).
 * Plain text, UTF-8, from {@code trellis.mail.from}. A failure is thrown as Spring's {@code MailException}.
 */
public class SmtpMailer implements Mailer {

    private final JavaMailSender sender;
    private final InternetAddress from;
    private final Clock clock;

    public SmtpMailer(JavaMailSender sender, String from, Clock clock) {
        this.sender = sender;
        this.from = MimeMessages.sender(from);
        this.clock = clock;
    }

    @Override
    public void send(MailMessage message) {
        MimeMessage mime = sender.createMimeMessage();
        MimeMessages.fill(mime, from, message, Date.from(clock.instant()));
        sender.send(mime);
    }
}
