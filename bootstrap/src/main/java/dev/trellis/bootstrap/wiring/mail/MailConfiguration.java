package dev.trellis.bootstrap.wiring.mail;

import dev.trellis.adapter.messaging.mail.BackgroundMailer;
import dev.trellis.adapter.messaging.mail.LocalMailbox;
import dev.trellis.adapter.messaging.mail.SmtpMailer;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Where the auth emails go. With {@code SPRING_MAIL_HOST} (Spring Boot's {@code spring.mail.*}, which
 * also makes the {@link JavaMailSender}): that SMTP server. Without it — the zero-configuration
 * development default — {@code .eml} files in {@code <trellis.data-dir>/mail/} and one log line per
 * message with its link or code. Either way delivery happens after the transaction commits, in the
 * background ({@link BackgroundMailer}).
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    BackgroundMailer mailer(Environment environment, ObjectProvider<JavaMailSender> javaMailSender, Clock clock,
                            ObjectProvider<EmbeddedDatabaseServer> embedded,
                            @Value("${trellis.mail.from:Trellis <no-reply@localhost>}") String from,
                            @Value("${trellis.data-dir}") Path dataDir) {
        String host = environment.getProperty("spring.mail.host");
        if (host != null && !host.isBlank()) {
            JavaMailSender sender = javaMailSender.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("spring.mail.host is set but Spring Boot made no JavaMailSender");
            }
            log.info("Mail: SMTP at {}:{}, from {}", host, environment.getProperty("spring.mail.port", "25"), from);
            return new BackgroundMailer(new SmtpMailer(sender, from, clock));
        }
        LocalMailbox mailbox = new LocalMailbox(dataDir.resolve("mail"), from, clock);
        if (embedded.getIfAvailable() != null) {
            log.info("Mail: SPRING_MAIL_HOST is not set, so emails are written to {} and their links and codes logged",
                    mailbox.folder());
        } else {
            log.warn("Mail: SPRING_MAIL_HOST is not set, so no email leaves this machine: they are written to {} and "
                    + "their links and codes logged. Set SPRING_MAIL_HOST for real users.", mailbox.folder());
        }
        return new BackgroundMailer(mailbox);
    }
}
