package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.web.auth.in.cookie.PasskeyChallengeCookie;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The passkey settings Better Auth would not accept stop the start, naming the property. */
class PasskeyConfigurationTest {

    @Test
    void authenticator_selection_takes_webauthns_values_only() {
        var selection = PasskeyConfiguration.selection(" required ", "discouraged", "");
        assertThat(selection.residentKey()).isEqualTo("required");
        assertThat(selection.requireResidentKey()).isTrue();
        assertThat(selection.authenticatorAttachment()).isNull();

        assertThatThrownBy(() -> PasskeyConfiguration.selection("always", "preferred", ""))
                .hasMessage("trellis.auth.passkey.resident-key must be one of discouraged, preferred, required, not \"always\"");
        assertThatThrownBy(() -> PasskeyConfiguration.selection("preferred", "yes", ""))
                .hasMessageStartingWith("trellis.auth.passkey.user-verification must be one of");
        assertThatThrownBy(() -> PasskeyConfiguration.selection("preferred", "preferred", "usb"))
                .hasMessage("trellis.auth.passkey.authenticator-attachment must be one of platform, cross-platform, not \"usb\"");
    }

    @Test
    void origins_are_a_comma_separated_list_of_origins() {
        assertThat(PasskeyConfiguration.origins("")).isEmpty();
        assertThat(PasskeyConfiguration.origins("https://app.example.com, https://admin.example.com:8443"))
                .containsExactly("https://app.example.com", "https://admin.example.com:8443");
        assertThatThrownBy(() -> PasskeyConfiguration.origins("https://app.example.com/login"))
                .hasMessageContaining("https://app.example.com/login is not an origin");
        assertThatThrownBy(() -> PasskeyConfiguration.origins("app.example.com"))
                .hasMessageContaining("app.example.com is not an origin");
    }

    @Test
    void the_challenge_cookie_name_must_be_a_cookie_token() {
        SessionCookieSigner signer = new SessionCookieSigner("test-secret-0123456789abcdef0123456789abcdef");
        assertThat(new PasskeyChallengeCookie(signer, false, "my-passkey").name()).isEqualTo("better-auth.my-passkey");
        assertThat(new PasskeyChallengeCookie(signer, true, "my-passkey").name()).isEqualTo("__Secure-better-auth.my-passkey");
        assertThatThrownBy(() -> new PasskeyChallengeCookie(signer, false, "my passkey;"))
                .hasMessageContaining("must be a cookie token");
    }
}
