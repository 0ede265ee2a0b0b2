package dev.trellis.application.auth.session;

import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.SessionToken;
import org.springframework.transaction.annotation.Transactional;

/** Better Auth's {@code /sign-out}: the session row goes; signing out twice is not an error. */
public class SignOut {

    private final SessionRepository sessions;

    public SignOut(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Transactional
    public void handle(SessionToken token) {
        sessions.removeByToken(token);
    }
}
