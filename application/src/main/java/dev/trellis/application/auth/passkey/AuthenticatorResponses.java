package dev.trellis.application.auth.passkey;

import java.util.Set;

/**
 * Answers whether what an authenticator sent (the browser's {@code PublicKeyCredential} as JSON) is a
 * genuine answer to the challenge, for this relying party and one of its origins.
 */
public interface AuthenticatorResponses {

    /** A credential made by {@code navigator.credentials.create()}, as Better Auth stores it. */
    record NewCredential(String credentialId, String publicKey, long counter, String deviceType, boolean backedUp,
                         String aaguid) {
    }

    /** The response was refused; {@code badSignature} when only the signature failed. */
    final class Refused extends RuntimeException {
        private final boolean badSignature;

        public Refused(String reason, boolean badSignature, Throwable cause) {
            super(reason, cause);
            this.badSignature = badSignature;
        }

        public boolean badSignature() {
            return badSignature;
        }
    }

    /** The new credential, if the attestation answers the challenge; else {@link Refused}. */
    NewCredential checkRegistration(String responseJson, String expectedChallenge, Set<String> origins, String rpId);

    /** The authenticator's new signature counter, if the assertion is signed by {@code stored}'s key; else {@link Refused}. */
    long checkAssertion(String responseJson, String expectedChallenge, Set<String> origins, String rpId, Passkey stored);
}
