package dev.trellis.adapter.messaging.mail;

import dev.trellis.application.auth.mail.MailMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class LocalMailboxTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void writes_each_message_as_an_eml_file_that_a_mail_client_reads_back(CapturedOutput output) throws Exception {
        Path folder = dataDir.resolve("mail");
        LocalMailbox mailbox = new LocalMailbox(folder, "Trellis <no-reply@localhost>", CLOCK);

        mailbox.send(new MailMessage("ada@example.com", "Réinitialiser — reset your password",
                "Choose a new password here:\nhttp://localhost:8080/api/auth/reset-password/abc123?callbackURL=%2Freset\n\nÜber 1 hour.\n"));

        List<Path> files = emlFiles(folder);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("20260301T101530\\.123Z-[0-9a-f]{8}\\.eml");
        MimeMessage read;
        try (InputStream in = Files.newInputStream(files.get(0))) {
            read = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(read.getSubject()).isEqualTo("Réinitialiser — reset your password");
        assertThat(((InternetAddress) read.getFrom()[0]).getPersonal()).isEqualTo("Trellis");
        assertThat(((InternetAddress) read.getFrom()[0]).getAddress()).isEqualTo("no-reply@localhost");
        assertThat(read.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.com");
        assertThat(read.getContent().toString()).contains("/reset-password/abc123?callbackURL=%2Freset").contains("Über");
        assertThat(read.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
        assertThat(read.getContentType()).contains("text/plain").containsIgnoringCase("utf-8");
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0)))).isEqualTo("rw-------");
        }

        assertThat(output.getOut()).containsOnlyOnce("Mail to ada@example.com")
                .contains("\"Réinitialiser — reset your password\"")
                .contains("http://localhost:8080/api/auth/reset-password/abc123?callbackURL=%2Freset");
    }

    @Test
    void logs_the_code_when_there_is_no_link_and_keeps_every_message(CapturedOutput output) throws Exception {
        Path folder = dataDir.resolve("mail");
        LocalMailbox mailbox = new LocalMailbox(folder, "no-reply@localhost", CLOCK);

        mailbox.send(new MailMessage("user123456@example.com", "Your sign-in code", "Your code: 042917\n\nIt is valid for 5 minutes.\n"));
        mailbox.send(new MailMessage("user123456@example.com", "Your sign-in code", "Your code: 551200\n"));

        assertThat(emlFiles(folder)).hasSize(2);
        assertThat(output.getOut()).contains("code 042917").contains("code 551200");
    }

    @Test
    void the_link_or_code_of_a_text() {
        assertThat(LocalMailbox.actionOf("Sign in:\nhttps://app.test/api/auth/magic-link/verify?token=x&callbackURL=%2F\n"))
                .isEqualTo("https://app.test/api/auth/magic-link/verify?token=x&callbackURL=%2F");
        assertThat(LocalMailbox.actionOf("for ada2024@example.com: your code: 123456.")).isEqualTo("code 123456");
        assertThat(LocalMailbox.actionOf("nothing here")).isEqualTo("(no link or code)");
    }

    @Test
    void a_malformed_sender_address_is_refused_at_once() {
        assertThatThrownBy(() -> new LocalMailbox(dataDir, "Trellis <not an address>", CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trellis.mail.from");
    }

    private static List<Path> emlFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
    }
}
