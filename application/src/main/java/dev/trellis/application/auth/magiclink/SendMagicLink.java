package dev.trellis.application.auth.magiclink;

import dev.trellis.application.auth.mail.AuthMails;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.Text;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Better Auth's magic-link plugin, {@code /sign-in/magic-link}: a row
 * {@code magic-link:<32 letters>} (the token itself: Better Auth's default {@code storeToken: "plain"})
 * with the value {@code {"type":"magic-link","email":…,"name":…}} for 5 minutes, and an email with
 * {@code <base>/magic-link/verify?token=…&callbackURL=…[&newUserCallbackURL=…][&errorCallbackURL=…]}.
 * Every address gets a link: the first use of one signs the owner up.
 */
public class SendMagicLink {

    public record Command(EmailAddress email, String name, String callbackURL, String newUserCallbackURL,
                          String errorCallbackURL) {
    }

    static final int TOKEN_LENGTH = 32;

    private final VerificationRepository verifications;
    private final Mailer mailer;
    private final EmailFlowSettings settings;
    private final Clock clock;

    public SendMagicLink(VerificationRepository verifications, Mailer mailer, EmailFlowSettings settings, Clock clock) {
        this.verifications = verifications;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    static String identifier(String token) {
        return "magic-link:" + token;
    }

    @Transactional
    public void handle(Command command) {
        Text.optional("name", command.name(), User.MAX_NAME_LENGTH); // refused now rather than when the link is opened
        String token = RandomTokens.of(RandomTokens.LETTERS, TOKEN_LENGTH);
        verifications.add(Verification.issue(identifier(token),
                new MagicLinkRecord(command.email().value(), command.name()).toJson(),
                settings.magicLinkExpiresIn(), clock.instant()));
        StringBuilder url = new StringBuilder(settings.authBaseUrl()).append("/magic-link/verify?")
                .append(AuthMails.queryParam("token", token)).append('&')
                .append(AuthMails.queryParam("callbackURL", blankToRoot(command.callbackURL())));
        if (command.newUserCallbackURL() != null && !command.newUserCallbackURL().isEmpty()) {
            url.append('&').append(AuthMails.queryParam("newUserCallbackURL", command.newUserCallbackURL()));
        }
        if (command.errorCallbackURL() != null && !command.errorCallbackURL().isEmpty()) {
            url.append('&').append(AuthMails.queryParam("errorCallbackURL", command.errorCallbackURL()));
        }
        mailer.send(AuthMails.magicLink(command.email().value(), url.toString(), settings.magicLinkExpiresIn()));
    }

    private static String blankToRoot(String url) {
        return url == null || url.isEmpty() ? "/" : url;
    }
}
