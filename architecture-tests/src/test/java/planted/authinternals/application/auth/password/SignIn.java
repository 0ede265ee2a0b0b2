package planted.authinternals.application.auth.password;

import planted.authinternals.application.auth.internal.Sessions;

/** Allowed: an auth flow uses auth's internals. */
public class SignIn {
    private final Sessions sessions = new Sessions();

    public String handle(String user) {
        return sessions.open(user);
    }
}
