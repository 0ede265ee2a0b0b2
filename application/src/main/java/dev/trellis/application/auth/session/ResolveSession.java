package dev.trellis.application.auth.session;

import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling: the session behind a token, with its user. An expired session is deleted and
 * refused. A session used a day after it was last extended slides forward to a full lifetime again
 * (Better Auth's {@code updateAge}), unless it is a short "don't remember me" session.
 */
public class ResolveSession {

    /** The signed-in caller; {@code refreshed} tells the web layer to send the cookie again. */
    public record Current(SignedIn signedIn, boolean refreshed) {
    }

    private final SessionRepository sessions;
    private final UserRepository users;
    private final AuthSettings settings;
    private final Clock clock;

    public ResolveSession(SessionRepository sessions, UserRepository users, AuthSettings settings, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public Optional<Current> handle(SessionToken token, boolean rememberMe) {
        Instant now = clock.instant();
        Optional<Session> found = sessions.findByToken(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        if (session.isExpired(now)) {
            sessions.removeByToken(token);
            return Optional.empty();
        }
        boolean refresh = rememberMe && session.needsRefresh(now, settings.sessionExpiresIn(), settings.sessionUpdateAge());
        if (refresh) {
            session = session.refreshed(now, settings.sessionExpiresIn());
            sessions.extend(session);
        }
        Session current = session;
        return users.findById(session.userId())
                .map(user -> new Current(new SignedIn(user, current, rememberMe), refresh));
    }
}
