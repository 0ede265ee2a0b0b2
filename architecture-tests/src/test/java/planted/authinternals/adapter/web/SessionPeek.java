package planted.authinternals.adapter.web;

import planted.authinternals.application.auth.internal.Sessions;

/** Violation: the web adapter reaches behind the auth flows. */
public class SessionPeek {
    public String peek(String user) {
        return new Sessions().open(user);
    }
}
