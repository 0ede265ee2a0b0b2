package planted.authinternals.application.item;

import planted.authinternals.application.auth.internal.Sessions;

/** Violation: another feature opens sessions through auth's internals. */
public class ItemOwnerSession {
    public String open(String owner) {
        return new Sessions().open(owner);
    }
}
