package dev.trellis.application.auth.passkey;

import java.util.List;
import java.util.Optional;

/** Better Auth's {@code passkey} table, which a Better Auth server with the {@code passkey} plugin shares. */
public interface PasskeyRepository {

    /** A user's passkeys, oldest first. */
    List<Passkey> ownedBy(String userId);

    Optional<Passkey> findById(String id);

    Optional<Passkey> findByCredentialId(String credentialId);

    void add(Passkey passkey);

    void updateCounter(String id, long counter);

    void rename(String id, String name);

    void remove(String id);
}
