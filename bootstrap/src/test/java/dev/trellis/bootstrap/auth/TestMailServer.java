package dev.trellis.bootstrap.auth;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GreenMail SMTP server for the whole test JVM (the Spring context that points at it is cached
 * across test classes), and an inbox view of it: the next message to an address, its link or code.
 * Every test writes to fresh addresses, so tests never see each other's mail.
 */
final class TestMailServer {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");

    private static final GreenMail SERVER = start();
    private static final Map<String, Integer> READ = new ConcurrentHashMap<>();

    private TestMailServer() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.port(0));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-stop"));
        return server;
    }

    static int port() {
        return SERVER.getSmtp().getPort();
    }

    /** Points the application's {@code spring.mail.*} at this server. */
    static final class Properties implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("greenmail", Map.of(
                    "spring.mail.host", "localhost",
                    "spring.mail.port", Integer.toString(port()))));
        }
    }

    /** Every message received so far for the address, oldest first. */
    static List<MimeMessage> messagesTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SERVER.getReceivedMessages()) {
            try {
                Address[] recipients = message.getAllRecipients();
                if (recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                    found.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** The next unread message to the address, waiting for it (mail leaves after the commit, in the background). */
    static MimeMessage next(String address) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int index = READ.getOrDefault(address.toLowerCase(), 0);
        while (true) {
            List<MimeMessage> messages = messagesTo(address);
            if (messages.size() > index) {
                READ.put(address.toLowerCase(), index + 1);
                return messages.get(index);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail to " + address + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link in the next message to the address, as sent (absolute, on BETTER_AUTH_URL). */
    static URI nextLink(String address) throws InterruptedException {
        String text = text(next(address));
        Matcher link = LINK.matcher(text);
        if (!link.find()) {
            throw new AssertionError("no link in: " + text);
        }
        return URI.create(link.group());
    }

    /** The link's path and query, to call on the test server. */
    static String pathAndQuery(URI link) {
        return link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
    }

    static String nextCode(String address) throws InterruptedException {
        String text = text(next(address));
        Matcher code = CODE.matcher(text);
        if (!code.find()) {
            throw new AssertionError("no code in: " + text);
        }
        return code.group(1);
    }
}
