package dev.trellis.application.auth.session;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.SessionToken;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Better Auth's session management for the signed-in user: list (fresh session required), revoke
 * one of one's own sessions, revoke all, revoke all but the current one. Expired sessions are not listed.
 */
public class ManageSessions {

    private final SessionRepository sessions;
    private final AuthSettings settings;
    private final Clock clock;

    public ManageSessions(SessionRepository sessions, AuthSettings settings, Clock clock) {
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Session> list(SignedIn caller) {
        Instant now = clock.instant();
        if (!caller.session().isFresh(now, settings.freshAge())) {
            throw AuthFailure.sessionNotFresh();
        }
        return sessions.findByUser(caller.user().id()).stream().filter(session -> !session.isExpired(now)).toList();
    }

    /** Revokes one of the caller's own sessions; another user's token is answered as unknown. */
    @Transactional
    public void revoke(SignedIn caller, SessionToken token) {
        boolean own = sessions.findByToken(token).map(session -> session.userId().equals(caller.user().id())).orElse(false);
        if (!own) {
            throw AuthFailure.sessionNotFound();
        }
        sessions.removeByToken(token);
    }

    @Transactional
    public void revokeAll(SignedIn caller) {
        sessions.removeByUserExcept(caller.user().id(), null);
    }

    @Transactional
    public void revokeOthers(SignedIn caller) {
        sessions.removeByUserExcept(caller.user().id(), caller.session().token());
    }
}
