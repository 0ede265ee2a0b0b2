package dev.trellis.adapter.web.auth.out.jwt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final HexFormat HEX = HexFormat.of();

    /** draft-irtf-cfrg-xchacha-03, appendix A.3.1: AEAD_XChaCha20_Poly1305 (HChaCha20 subkey, then ChaCha20-Poly1305). */
    @Test
    void matchesTheDraftsAeadTestVector() {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = HEX.parseHex("404142434445464748494a4b4c4d4e4f5051525354555657");
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.UTF_8);
        String ciphertext = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4e"
                + "da7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3"
                + "fff921f9664c97637da9768812f615c68b13b52e";
        String tag = "c0875924c1c7987947deafd8780acf49";

        byte[] sealed = SecretBox.xchacha(true, key, nonce, aad, plain);

        assertThat(HEX.formatHex(sealed)).isEqualTo(ciphertext + tag);
        assertThat(SecretBox.xchacha(false, key, nonce, aad, sealed)).isEqualTo(plain);
    }

    @Test
    void aChangedTagOrAssociatedDataIsRefused() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[SecretBox.NONCE_BYTES];
        byte[] sealed = SecretBox.xchacha(true, key, nonce, new byte[]{1}, "x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SecretBox.xchacha(false, key, nonce, new byte[]{2}, sealed))
                .isInstanceOf(IllegalArgumentException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> SecretBox.xchacha(false, key, nonce, new byte[]{1}, sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Written by better-auth 1.7.25's symmetricEncrypt with this secret (the JSON quoting removed). */
    @Test
    void opensWhatBetterAuthSealed() {
        SecretBox box = new SecretBox("a-secret-of-at-least-thirty-two-characters");
        String betterAuth = "e840a81a63c6876b0fc2848207cf4b02c98fbf7c06512339cad72ba1ec46ad19b8687d2d1cd85fc496ff745b3a07"
                + "93b4761812b9cb7962d2ef78bd7184dfb00e4904857345b5fd76a034558004bcb7c0ad0fdd8c0df653ef4d";

        assertThat(box.open(betterAuth)).isEqualTo("{\"crv\":\"Ed25519\",\"d\":\"abc\",\"x\":\"def\",\"kty\":\"OKP\"}");
    }

    @Test
    void sealsWithAFreshNonceAndOpensOnlyWithTheSameSecret() {
        SecretBox box = new SecretBox("secret-one-secret-one-secret-one");
        String first = box.seal("private");
        String second = box.seal("private");

        assertThat(first).isNotEqualTo(second).matches("[0-9a-f]+").hasSize(2 * (24 + 7 + 16));
        assertThat(box.open(first)).isEqualTo("private");
        assertThatThrownBy(() -> new SecretBox("secret-two-secret-two-secret-two").open(first))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("not hex")).isInstanceOf(IllegalArgumentException.class);
    }
}
