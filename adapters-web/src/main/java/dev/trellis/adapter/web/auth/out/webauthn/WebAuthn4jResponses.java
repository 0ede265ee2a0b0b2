package dev.trellis.adapter.web.auth.out.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadSignatureException;
import dev.trellis.application.auth.passkey.AuthenticatorResponses;
import dev.trellis.application.auth.passkey.Passkey;

import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link AuthenticatorResponses} with webauthn4j, checked as Better Auth's passkey plugin has
 * SimpleWebAuthn check them: attestation of any format accepted without a trust path (Better Auth asks
 * for {@code attestation: "none"}), user presence required, user verification not, and a signature
 * counter that must grow unless both it and the stored one are zero. The public key is kept as the
 * COSE key's bytes in standard base64, the credential id in base64url.
 */
public class WebAuthn4jResponses implements AuthenticatorResponses {

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);

    @Override
    public NewCredential checkRegistration(String responseJson, String expectedChallenge, Set<String> origins, String rpId) {
        RegistrationData data;
        try {
            data = manager.parseRegistrationResponseJSON(responseJson);
            manager.verify(data, new RegistrationParameters(server(origins, rpId, expectedChallenge), null, false, true));
        } catch (RuntimeException e) {
            throw new Refused("registration refused: " + e.getMessage(), e instanceof BadSignatureException, e);
        }
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
        return new NewCredential(
                Base64.getUrlEncoder().withoutPadding().encodeToString(credential.getCredentialId()),
                Base64.getEncoder().encodeToString(converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey())),
                authenticatorData.getSignCount(),
                authenticatorData.isFlagBE() ? "multiDevice" : "singleDevice",
                authenticatorData.isFlagBS(),
                credential.getAaguid() == null ? null : credential.getAaguid().getValue().toString());
    }

    @Override
    public long checkAssertion(String responseJson, String expectedChallenge, Set<String> origins, String rpId,
                               Passkey stored) {
        AuthenticationData data;
        try {
            COSEKey key = converter.getCborConverter().readValue(Base64.getDecoder().decode(stored.publicKey()), COSEKey.class);
            AttestedCredentialData attested = new AttestedCredentialData(
                    stored.aaguid() == null ? AAGUID.ZERO : new AAGUID(stored.aaguid()),
                    Base64.getUrlDecoder().decode(stored.credentialId()), key);
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null,
                    "multiDevice".equals(stored.deviceType()), stored.backedUp(), stored.counter(), attested, null, null,
                    null, null);
            data = manager.parseAuthenticationResponseJSON(responseJson);
            manager.verify(data, new AuthenticationParameters(server(origins, rpId, expectedChallenge), record, null,
                    false, true));
        } catch (RuntimeException e) {
            throw new Refused("assertion refused: " + e.getMessage(), e instanceof BadSignatureException, e);
        }
        return data.getAuthenticatorData().getSignCount();
    }

    private static ServerProperty server(Set<String> origins, String rpId, String challenge) {
        return new ServerProperty(origins.stream().map(Origin::new).collect(Collectors.toSet()), rpId,
                new DefaultChallenge(Base64.getUrlDecoder().decode(challenge)));
    }
}
