package dev.trellis.application.auth.passkey;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.SignedIn;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Better Auth's {@code /passkey/list-user-passkeys}, {@code /passkey/update-passkey} (rename) and
 * {@code /passkey/delete-passkey}, for the signed-in owner only: an unknown id is 404
 * PASSKEY_NOT_FOUND, someone else's 401 (renaming: YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY).
 */
public class ManagePasskeys {

    private final PasskeyRepository passkeys;

    public ManagePasskeys(PasskeyRepository passkeys) {
        this.passkeys = passkeys;
    }

    public List<Passkey> list(SignedIn caller) {
        return passkeys.ownedBy(caller.user().id().value());
    }

    @Transactional
    public Passkey rename(SignedIn caller, String id, String name) {
        Passkey passkey = passkeys.findById(id)
                .orElseThrow(() -> PasskeyFailures.passkeyNotFound(AuthFailure.Kind.NOT_FOUND));
        if (!passkey.userId().equals(caller.user().id().value())) {
            throw PasskeyFailures.notAllowed();
        }
        passkeys.rename(id, name);
        return passkey.renamed(name);
    }

    @Transactional
    public void delete(SignedIn caller, String id) {
        Passkey passkey = passkeys.findById(id)
                .orElseThrow(() -> PasskeyFailures.passkeyNotFound(AuthFailure.Kind.NOT_FOUND));
        if (!passkey.userId().equals(caller.user().id().value())) {
            throw AuthFailure.unauthorized();
        }
        passkeys.remove(id);
    }
}
