package dev.trellis.adapter.messaging.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trellis.application.auth.mail.MailMessage;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SmtpMailer} against a real SMTP server (GreenMail) in the test JVM. */
class SmtpMailerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.port(0));

    @Test
    void sends_a_plain_text_utf8_message_from_the_configured_sender() throws Exception {
        JavaMailSenderImpl sender = sender(SMTP.getSmtp().getPort());
        SmtpMailer mailer = new SmtpMailer(sender, "Trellis <no-reply@trellis.test>", Clock.systemUTC());

        mailer.send(new MailMessage("grace@example.com", "Your sign-in code — Trellis", "Your code: 123456\n\nÜber 5 minutes.\n"));

        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = SMTP.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Your sign-in code — Trellis");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("grace@example.com");
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("no-reply@trellis.test");
        assertThat(from.getPersonal()).isEqualTo("Trellis");
        assertThat(received.getContentType()).contains("text/plain").containsIgnoringCase("UTF-8");
        assertThat(received.getContent().toString().strip()).isEqualTo("Your code: 123456\n\nÜber 5 minutes.".replace("\n", "\r\n"));
        assertThat(received.getSentDate()).isNotNull();
    }

    @Test
    void an_unreachable_server_fails_with_springs_mail_exception() {
        JavaMailSenderImpl sender = sender(1); // nothing listens on port 1
        sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "2000");
        SmtpMailer mailer = new SmtpMailer(sender, "no-reply@trellis.test", Clock.systemUTC());

        assertThatThrownBy(() -> mailer.send(new MailMessage("grace@example.com", "Hello", "text")))
                .isInstanceOf(MailSendException.class);
    }

    static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(port);
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        return sender;
    }
}
