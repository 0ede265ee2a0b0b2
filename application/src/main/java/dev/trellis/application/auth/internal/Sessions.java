package dev.trellis.application.auth.internal;

import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.shared.UserId;

import java.time.Clock;

/** Opens sessions with Better Auth's lifetimes; shared by every flow that signs someone in. */
public class Sessions {

    private final SessionRepository sessions;
    private final AuthSettings settings;
    private final Clock clock;

    public Sessions(SessionRepository sessions, AuthSettings settings, Clock clock) {
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    public Session open(UserId user, boolean rememberMe, ClientInfo client) {
        Session session = Session.open(user, rememberMe ? settings.sessionExpiresIn() : settings.shortSessionExpiresIn(),
                clock.instant(), client.ipAddress(), client.userAgent());
        sessions.add(session);
        return session;
    }
}
