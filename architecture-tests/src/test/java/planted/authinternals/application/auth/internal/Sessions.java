package planted.authinternals.application.auth.internal;

/** Auth's internal session opener. */
public class Sessions {
    public String open(String user) {
        return "session of " + user;
    }
}
