package dev.trellis.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class WebUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.com",
            "https://example.com/path?q=1#top",
            "HTTPS://Example.com",
            "https://user@example.com:8443/a",
            "http://127.0.0.1/",
            "http://[::1]:8080/"
    })
    void accepts_absolute_http_and_https_urls_with_a_host(String raw) {
        assertThat(new WebUrl(raw).value()).isEqualTo(raw);
    }

    @Test
    void surrounding_whitespace_is_removed() {
        assertThat(new WebUrl("  https://example.com/a \n").value()).isEqualTo("https://example.com/a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "example.com",
            "/relative/path",
            "ftp://example.com/file",
            "mailto:someone@example.com",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://",
            "http:///path-without-host",
            "http:example.com",
            "https://exa mple.com"
    })
    void refuses_anything_else(String raw) {
        assertInvalid(() -> new WebUrl(raw), "url", "url.invalid");
    }

    @Test
    void refuses_more_than_2048_characters() {
        String base = "https://example.com/";
        assertThat(new WebUrl(base + "a".repeat(WebUrl.MAX_LENGTH - base.length())).value()).hasSize(2048);
        assertInvalid(() -> new WebUrl(base + "a".repeat(WebUrl.MAX_LENGTH - base.length() + 1)), "url", "url.too_long");
    }

    @Test
    void null_is_required() {
        assertInvalid(() -> new WebUrl(null), "url", "value.required");
    }

    @Test
    void optional_urls_keep_null_and_name_their_own_field() {
        assertThat(WebUrl.parseOptional("website", null)).isNull();
        assertThat(WebUrl.parseOptional("website", "https://example.com")).isEqualTo(new WebUrl("https://example.com"));
        assertInvalid(() -> WebUrl.parseOptional("website", "ftp://example.com"), "website", "url.invalid");
    }
}
