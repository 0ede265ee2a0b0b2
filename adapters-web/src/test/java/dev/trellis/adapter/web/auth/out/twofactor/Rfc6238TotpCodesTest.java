package dev.trellis.adapter.web.auth.out.twofactor;

import dev.trellis.adapter.web.auth.out.jwt.SecretBox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc6238TotpCodesTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private final Rfc6238TotpCodes totp = new Rfc6238TotpCodes();

    /** RFC 6238, appendix B, the SHA-1 rows (8 digits). */
    @Test
    void the_rfc_6238_test_vectors_hold() {
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
                {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] vector : vectors) {
            assertThat(Rfc6238TotpCodes.hotp(RFC_KEY, vector[0] / 30, 8)).isEqualTo("%08d".formatted(vector[1]));
        }
    }

    @Test
    void a_code_verifies_in_its_period_and_the_neighbouring_ones_only() {
        String secret = "abcdefghijklmnopqrstuvwxyz012345";
        Instant now = Instant.parse("2026-01-01T12:00:15Z");
        String code = totp.code(secret, now);
        assertThat(code).hasSize(6);
        assertThat(totp.verify(secret, code, now)).isTrue();
        assertThat(totp.verify(secret, code, now.plusSeconds(30))).isTrue();
        assertThat(totp.verify(secret, code, now.minusSeconds(30))).isTrue();
        assertThat(totp.verify(secret, code, now.plusSeconds(60))).isFalse();
        assertThat(totp.verify(secret, code + "0", now)).isFalse();
    }

    @Test
    void the_uri_carries_the_utf8_key_in_base32_as_better_auth_writes_it() {
        assertThat(totp.uri("12345678901234567890", "My App", "ada@example.com")).isEqualTo(
                "otpauth://totp/My%20App:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=My+App&digits=6&period=30");
        assertThat(Rfc6238TotpCodes.key("base32:gezdgnbvgy3tqojqgezdgnbvgy3tqojq")).isEqualTo(RFC_KEY);
    }

    @Test
    void backup_codes_are_sealed_as_one_json_array() {
        SecretBox box = new SecretBox("a-secret-of-at-least-thirty-two-characters");
        SealedTwoFactorVault vault = new SealedTwoFactorVault(box);
        String sealed = vault.sealBackupCodes(List.of("abcde-12345", "fghij-67890"));
        assertThat(box.open(sealed)).isEqualTo("[\"abcde-12345\",\"fghij-67890\"]");
        assertThat(vault.openBackupCodes(sealed)).containsExactly("abcde-12345", "fghij-67890");
        assertThat(vault.openBackupCodes("not sealed")).isEmpty();
        assertThat(vault.openSecret(vault.sealSecret("s3cret"))).isEqualTo("s3cret");
    }
}
