package dev.trellis.adapter.messaging.mail;

import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.auth.mail.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development default when no SMTP server is configured: each message becomes an {@code .eml}
 * file (open it with any mail client) in the mailbox folder, {@code <trellis.data-dir>/mail/},
 * readable by the owner only, and one INFO line names the recipient, the subject and the link or code
 * in it, so a developer can go on at once. The log line carries the secret of the mail: it is for
 * development, never for production, where SPRING_MAIL_HOST selects {@link SmtpMailer}.
 */
public class LocalMailbox implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(LocalMailbox.class);
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final Pattern CODE = Pattern.compile("(?<![\\w@.-])\\d{4,10}(?![\\w@-]|\\.\\w)");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final InternetAddress from;
    private final Clock clock;
    private final Session session;

    public LocalMailbox(Path folder, String from, Clock clock) {
        this.folder = folder;
        this.from = MimeMessages.sender(from);
        this.clock = clock;
        Properties properties = new Properties();
        properties.setProperty("mail.from", this.from.getAddress()); // Message-ID without a host name lookup
        this.session = Session.getInstance(properties);
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void send(MailMessage message) {
        Instant now = clock.instant();
        MimeMessage mime = new MimeMessage(session);
        MimeMessages.fill(mime, from, message, Date.from(now));
        Path file = write(mime, now);
        log.info("Mail to {}: \"{}\" {} ({})", message.to(), message.subject(), actionOf(message.text()), file);
    }

    /** The link in the text, else the code, for the log line. */
    static String actionOf(String text) {
        Matcher link = LINK.matcher(text);
        if (link.find()) {
            return link.group();
        }
        Matcher code = CODE.matcher(text);
        return code.find() ? "code " + code.group() : "(no link or code)";
    }

    private Path write(MimeMessage mime, Instant now) {
        try {
            createFolder();
            Path partial = Files.createTempFile(folder, ".mail-", ".partial");
            ownerOnly(partial, "rw-------");
            try (OutputStream out = Files.newOutputStream(partial)) {
                mime.writeTo(out);
            }
            while (true) {
                Path file = folder.resolve(FILE_TIME.format(now) + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ".eml");
                try {
                    return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // another message in the same millisecond drew the same suffix: draw again
                }
            }
        } catch (IOException e) {
            throw new MailSendException("could not write the mail to " + folder, new UncheckedIOException(e));
        } catch (MessagingException e) {
            throw new MailSendException("could not write the mail to " + folder, e);
        }
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            ownerOnly(folder, "rwx------");
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own permissions protect it
        }
    }
}
