package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.application.auth.AuthFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackUrlsTest {

    final AuthConfig config = AuthConfig.of("http://localhost:3000", List.of("http://app.test:5173"));

    @Test
    void relative_urls_resolve_on_the_base_urls_origin_and_trusted_absolute_ones_stay() {
        assertThat(CallbackUrls.absolute(config, "/dashboard?tab=1")).isEqualTo("http://localhost:3000/dashboard?tab=1");
        assertThat(CallbackUrls.absolute(config, "http://app.test:5173/x")).isEqualTo("http://app.test:5173/x");
        assertThat(CallbackUrls.absolute(config, "/a b")).isEqualTo("http://localhost:3000/a b");
    }

    @Test
    void a_parameter_goes_into_the_query_before_the_fragment() {
        assertThat(CallbackUrls.withParam("/done", "error", "INVALID_TOKEN")).isEqualTo("/done?error=INVALID_TOKEN");
        assertThat(CallbackUrls.withParam("/done?q=1", "error", "INVALID_TOKEN")).isEqualTo("/done?q=1&error=INVALID_TOKEN");
        assertThat(CallbackUrls.withParam("/done?", "token", "abc")).isEqualTo("/done?token=abc");
        assertThat(CallbackUrls.withParam("https://app.test/r#top", "token", "a b")).isEqualTo("https://app.test/r?token=a+b#top");
    }

    @Test
    void each_field_has_better_auths_code() {
        assertThatThrownBy(() -> CallbackUrls.requireTrusted(config, "callbackURL", "https://evil.example"))
                .isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo("INVALID_CALLBACK_URL"));
        assertThatThrownBy(() -> CallbackUrls.requireTrusted(config, "redirectTo", "//evil.example"))
                .isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo("INVALID_REDIRECT_URL"));
        assertThatThrownBy(() -> CallbackUrls.requireTrusted(config, "errorCallbackURL", "https://evil.example"))
                .isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo("INVALID_ERROR_CALLBACK_URL"));
        assertThatThrownBy(() -> CallbackUrls.requireTrusted(config, "newUserCallbackURL", "https://evil.example"))
                .isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo("INVALID_NEW_USER_CALLBACK_URL"));
        CallbackUrls.requireTrusted(config, "callbackURL", null);
        CallbackUrls.requireTrusted(config, "callbackURL", "/relative");
        CallbackUrls.requireTrusted(config, "callbackURL", "http://app.test:5173/ok");
    }
}
