package dev.trellis.application.testing;

import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.auth.mail.Mailer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link Mailer} that keeps what it was asked to send, with helpers to read the link or code out of a mail. */
public final class RecordingMailer implements Mailer {

    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern CODE = Pattern.compile("Your code: (\\d+)");

    private final List<MailMessage> sent = new ArrayList<>();

    @Override
    public void send(MailMessage message) {
        sent.add(message);
    }

    public List<MailMessage> sent() {
        return List.copyOf(sent);
    }

    public MailMessage last() {
        if (sent.isEmpty()) {
            throw new AssertionError("no mail was sent");
        }
        return sent.get(sent.size() - 1);
    }

    /** The first http(s) URL in the last mail. */
    public String lastLink() {
        Matcher matcher = URL.matcher(last().text());
        if (!matcher.find()) {
            throw new AssertionError("no link in " + last());
        }
        return matcher.group();
    }

    /** The one-time code in the last mail. */
    public String lastCode() {
        Matcher matcher = CODE.matcher(last().text());
        if (!matcher.find()) {
            throw new AssertionError("no code in " + last());
        }
        return matcher.group(1);
    }

    public void clear() {
        sent.clear();
    }
}
