package dev.trellis.adapter.web.auth.out.token;

import dev.trellis.application.auth.social.OAuthState;
import dev.trellis.domain.auth.SessionToken;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Better Auth's OAuth state JSON and its encrypted link session token, checked against values better-auth 1.7.25 made. */
class BetterAuthOAuthStateCodecTest {

    static final String SECRET = "test-secret-0123456789abcdef0123456789abcdef";
    static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    /** {@code symmetricEncrypt({key: derivePurposeKey(SECRET, "oauth-link-session-token"), data: TOKEN})} in better-auth 1.7.25. */
    static final String ENCRYPTED_BY_BETTER_AUTH = "6f5accf10c08df20a21a1c4d6e1e90522a99ab6d083034d502ec30cb4ff0dc7a"
            + "36a26c555914bc99d447f36bddf2a2d67633f226484482f9bdf49560764b0096f7f6d425b7a2d659";

    final BetterAuthOAuthStateCodec codec = new BetterAuthOAuthStateCodec(SECRET);

    @Test
    void derives_better_auths_purpose_key() {
        assertThat(BetterAuthOAuthStateCodec.purposeKey(SECRET, "oauth-link-session-token"))
                .isEqualTo("d7eab44d9d2c181be3f23e42375f032273c56dc36826b35964733389357fc27b");
    }

    @Test
    void decrypts_what_better_auth_encrypted_and_round_trips_its_own() {
        assertThat(codec.decrypt(ENCRYPTED_BY_BETTER_AUTH)).isEqualTo(TOKEN);
        String encrypted = codec.encrypt(TOKEN);
        assertThat(encrypted).matches("[0-9a-f]{144}").isNotEqualTo(codec.encrypt(TOKEN));
        assertThat(codec.decrypt(encrypted)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> new BetterAuthOAuthStateCodec("another-secret-0123456789abcdef0123").decrypt(encrypted))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writes_and_reads_better_auths_fields() {
        OAuthState state = new OAuthState("/dashboard", "v".repeat(128), "/oops", null,
                new OAuthState.Link("ada@example.com", "usr_abcdefghijkl", new SessionToken(TOKEN)),
                Instant.ofEpochMilli(1_800_000_000_123L), null, "nonce-nonce-nonce-nonce-nonce-12", "state-state-state-state-state-12");

        String json = codec.write(state);
        JsonNode tree = JsonMapper.builder().build().readTree(json);

        assertThat(tree.propertyNames()).containsExactly("callbackURL", "codeVerifier", "errorURL", "link", "expiresAt",
                "idTokenNonce", "oauthState");
        assertThat(tree.get("expiresAt").asLong()).isEqualTo(1_800_000_000_123L);
        assertThat(tree.get("link").propertyNames()).containsExactly("userId", "email", "encryptedSessionToken");
        assertThat(codec.read(json)).isEqualTo(state);
    }

    @Test
    void reads_a_state_better_auth_wrote() {
        String written = "{\"callbackURL\":\"http://localhost:3000\",\"codeVerifier\":\"abc\",\"errorURL\":\"/err\","
                + "\"link\":{\"userId\":\"u1\",\"email\":\"a@b.co\",\"encryptedSessionToken\":\"" + ENCRYPTED_BY_BETTER_AUTH + "\"},"
                + "\"expiresAt\":1800000000000,\"requestSignUp\":true,\"oauthState\":\"s1\",\"extra\":{\"from\":\"additionalData\"}}";

        OAuthState state = codec.read(written);

        assertThat(state.link().session()).isEqualTo(new SessionToken(TOKEN));
        assertThat(state.requestSignUp()).isTrue();
        assertThat(state.state()).isEqualTo("s1");
        assertThat(state.newUserURL()).isNull();
        assertThatThrownBy(() -> codec.read("{\"callbackURL\":\"/\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
