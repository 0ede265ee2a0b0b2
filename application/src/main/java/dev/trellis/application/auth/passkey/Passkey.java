package dev.trellis.application.auth.passkey;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of Better Auth's {@code passkey} table: the credential id (base64url), its COSE public key
 * (standard base64), the signature counter last seen, {@code singleDevice} or {@code multiDevice},
 * whether it is backed up, the transports joined by commas, and the authenticator's AAGUID.
 */
public record Passkey(String id, String name, String userId, String credentialId, String publicKey, long counter,
                      String deviceType, boolean backedUp, String transports, Instant createdAt, String aaguid) {

    public Passkey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(deviceType, "deviceType");
    }

    public Passkey withCounter(long newCounter) {
        return new Passkey(id, name, userId, credentialId, publicKey, newCounter, deviceType, backedUp, transports,
                createdAt, aaguid);
    }

    public Passkey renamed(String newName) {
        return new Passkey(id, newName, userId, credentialId, publicKey, counter, deviceType, backedUp, transports,
                createdAt, aaguid);
    }
}
