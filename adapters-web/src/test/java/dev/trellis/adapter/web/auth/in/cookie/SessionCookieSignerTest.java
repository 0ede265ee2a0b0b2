package dev.trellis.adapter.web.auth.in.cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionCookieSignerTest {

    // The vector in shared/better-auth-compat.md, read from Better Auth 1.7.25.
    private static final String SECRET = "test-secret-0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    private static final String SIGNATURE = "VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI=";
    private static final String COOKIE = "AbCdEfGhIjKlMnOpQrStUvWxYz012345.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%3D";

    private final SessionCookieSigner signer = new SessionCookieSigner(SECRET);

    @Test
    void signs_as_better_auth_does() {
        assertThat(signer.sign(TOKEN)).isEqualTo(TOKEN + "." + SIGNATURE);
        assertThat(SessionCookieSigner.encodeCookieValue(signer.sign(TOKEN))).isEqualTo(COOKIE);
    }

    @Test
    void verifies_better_auths_cookie_value() {
        assertThat(signer.verify(COOKIE)).contains(TOKEN);
    }

    @Test
    void verifies_the_raw_form_of_a_bearer_header() {
        assertThat(signer.verify(TOKEN + "." + SIGNATURE)).contains(TOKEN);
    }

    @Test
    void round_trips_its_own_values() {
        String token = "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp";

        assertThat(signer.verify(SessionCookieSigner.encodeCookieValue(signer.sign(token)))).contains(token);
        assertThat(signer.verify(signer.sign(token))).contains(token);
    }

    @Test
    void encodes_like_javascripts_encode_uri_component() {
        // node: encodeURIComponent(t + "." + crypto.createHmac("sha256", SECRET).update(t).digest("base64"))
        assertThat(SessionCookieSigner.encodeCookieValue(signer.sign("a b!'()*~-_.\u00e4/?&=+%")))
                .isEqualTo("a%20b!'()*~-_.%C3%A4%2F%3F%26%3D%2B%25.CY%2FNPlLtUvjvULhA4D%2Fn9jIyvQJmco3OEjtb33RvzEw%3D");
    }

    @Test
    void a_token_with_dots_is_split_at_the_last_dot() {
        // node, as above, for the token "a.b.c"
        String cookie = "a.b.c.%2BNaJUtRIoBquWTJho2qRPBinEMk7p0vyhEos%2Fuhk4CA%3D";

        assertThat(SessionCookieSigner.encodeCookieValue(signer.sign("a.b.c"))).isEqualTo(cookie);
        assertThat(signer.verify(cookie)).contains("a.b.c");
        assertThat(signer.verify("a.b." + signer.sign("c").substring(2))).isEmpty();
    }

    @Test
    void a_changed_token_is_rejected() {
        assertThat(signer.verify("AbCdEfGhIjKlMnOpQrStUvWxYz012346." + SIGNATURE)).isEmpty();
        assertThat(signer.verify("X" + COOKIE)).isEmpty();
    }

    @Test
    void a_changed_signature_is_rejected() {
        assertThat(signer.verify(TOKEN + ".WspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%3D")).isEmpty();
        // same bytes in non-canonical base64: the unused low bits of the last character differ
        assertThat(signer.verify(TOKEN + ".VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeJ%3D")).isEmpty();
    }

    @Test
    void a_value_signed_with_another_secret_is_rejected() {
        var other = new SessionCookieSigner("another-secret-0123456789abcdef0123456789");

        assertThat(signer.verify(SessionCookieSigner.encodeCookieValue(other.sign(TOKEN)))).isEmpty();
        assertThat(other.verify(COOKIE)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            // truncated: signature one character short, then without its '='
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJe%3D",
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI",
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%3",
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345",
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.",
            ".VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%3D",
            ".",
            "%zz",
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%zz",
            // 44 characters ending in '=', but not base64
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!=",
            // 44 characters, not ending in '='
            "AbCdEfGhIjKlMnOpQrStUvWxYz012345.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeIA",
            // non-ASCII, raw and escaped
            "AbCdEfGhIjKlMnOpQrStUvWxYz01234\u00e4.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%3D",
            "AbCdEfGhIjKlMnOpQrStUvWxYz01234%C3%A4.VspUh02PoVIa7E6JyQQsGIcOIovTLsgpymdtsxmwJeI%3D"
    })
    void anything_malformed_is_rejected_without_an_exception(String value) {
        assertThat(signer.verify(value)).isEmpty();
    }

    @Test
    void a_secret_below_32_characters_is_weak_but_accepted() {
        assertThat(new SessionCookieSigner("s").isWeak()).isTrue();
        assertThat(new SessionCookieSigner("0123456789abcdef0123456789abcde").isWeak()).isTrue();
        assertThat(new SessionCookieSigner("0123456789abcdef0123456789abcdef").isWeak()).isFalse();
        assertThat(signer.isWeak()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void an_empty_secret_is_refused(String secret) {
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionCookieSigner(secret));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void an_empty_token_cannot_be_signed(String token) {
        assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(token));
    }
}
