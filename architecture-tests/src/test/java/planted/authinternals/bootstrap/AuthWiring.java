package planted.authinternals.bootstrap;

import planted.authinternals.application.auth.internal.Sessions;
import planted.authinternals.application.auth.password.SignIn;

/** Allowed: bootstrap builds the flows and their internals. */
public class AuthWiring {
    public Sessions sessions() {
        return new Sessions();
    }

    public SignIn signIn() {
        return new SignIn();
    }
}
