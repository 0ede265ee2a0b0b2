package dev.trellis.bootstrap.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey authenticator in software, as a browser's WebAuthn API would drive it: an EC P-256 key
 * per credential, real authenticator data, client data and attestation object ({@code fmt: none}),
 * and real ES256 signatures. Answers {@code navigator.credentials.create()} / {@code get()} in the
 * JSON form SimpleWebAuthn's browser library posts.
 */
final class SoftwareAuthenticator {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte UP = 0x01, UV = 0x04, BE = 0x08, BS = 0x10, AT = 0x40;

    /** The page's origin, which the client data names; a test may move the authenticator to another site of the same relying party. */
    String origin;
    final String rpId;
    final byte[] credentialId = new byte[16];
    final KeyPair key;
    int counter;

    SoftwareAuthenticator(String origin, String rpId) throws GeneralSecurityException {
        this.origin = origin;
        this.rpId = rpId;
        new SecureRandom().nextBytes(credentialId);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.key = generator.generateKeyPair();
    }

    String credentialIdBase64Url() {
        return B64URL.encodeToString(credentialId);
    }

    /** The registration response to options whose challenge is {@code challenge}. */
    String create(String challenge) throws Exception {
        byte[] clientData = clientData("webauthn.create", challenge);
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.write(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        authData.write(UP | UV | AT | BE | BS);
        authData.write(ByteBuffer.allocate(4).putInt(counter).array());
        authData.write(new byte[16]); // AAGUID: zero, as privacy-preserving platforms report it
        authData.write(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        authData.write(credentialId);
        authData.write(coseKey());
        Cbor attestation = new Cbor().map(3).text("fmt").text("none").text("attStmt").map(0)
                .text("authData").bytes(authData.toByteArray());
        return "{\"id\":\"" + credentialIdBase64Url() + "\",\"rawId\":\"" + credentialIdBase64Url()
                + "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"" + B64URL.encodeToString(clientData)
                + "\",\"attestationObject\":\"" + B64URL.encodeToString(attestation.toBytes())
                + "\",\"transports\":[\"hybrid\",\"internal\"]},\"clientExtensionResults\":{\"credProps\":{\"rk\":true}},"
                + "\"authenticatorAttachment\":\"platform\"}";
    }

    /** The assertion answering {@code challenge}, the counter moved on by one; signed with the credential's key. */
    String get(String challenge) throws Exception {
        return get(challenge, key, ++counter);
    }

    /** An assertion signed with {@code signingKey} (another key than the credential's makes a bad signature). */
    String get(String challenge, KeyPair signingKey, int signCount) throws Exception {
        byte[] clientData = clientData("webauthn.get", challenge);
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.write(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        authData.write(UP | UV | BE | BS);
        authData.write(ByteBuffer.allocate(4).putInt(signCount).array());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(signingKey.getPrivate());
        signer.update(authData.toByteArray());
        signer.update(sha256(clientData));
        byte[] signature = signer.sign();
        return "{\"id\":\"" + credentialIdBase64Url() + "\",\"rawId\":\"" + credentialIdBase64Url()
                + "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"" + B64URL.encodeToString(clientData)
                + "\",\"authenticatorData\":\"" + B64URL.encodeToString(authData.toByteArray())
                + "\",\"signature\":\"" + B64URL.encodeToString(signature)
                + "\"},\"clientExtensionResults\":{},\"authenticatorAttachment\":\"platform\"}";
    }

    static KeyPair otherKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private byte[] clientData(String type, String challenge) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    /** The public key as COSE_Key: kty EC2, alg ES256, crv P-256, x, y. */
    private byte[] coseKey() {
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        return new Cbor().map(5).integer(1).integer(2).integer(3).integer(-7).integer(-1).integer(1)
                .integer(-2).bytes(fixed(pub.getW().getAffineX())).integer(-3).bytes(fixed(pub.getW().getAffineY()))
                .toBytes();
    }

    private static byte[] fixed(BigInteger coordinate) {
        byte[] raw = coordinate.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] sha256(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** Just enough CBOR (RFC 8949) for a COSE key and an attestation object. */
    static final class Cbor {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Cbor map(int entries) {
            head(5, entries);
            return this;
        }

        Cbor text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            head(3, utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Cbor bytes(byte[] value) {
            head(2, value.length);
            out.writeBytes(value);
            return this;
        }

        Cbor integer(long value) {
            if (value >= 0) {
                head(0, value);
            } else {
                head(1, -1 - value);
            }
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void head(int major, long length) {
            if (length < 24) {
                out.write(major << 5 | (int) length);
            } else if (length < 256) {
                out.write(major << 5 | 24);
                out.write((int) length);
            } else {
                out.write(major << 5 | 25);
                out.write((int) (length >> 8));
                out.write((int) length & 0xff);
            }
        }
    }
}
