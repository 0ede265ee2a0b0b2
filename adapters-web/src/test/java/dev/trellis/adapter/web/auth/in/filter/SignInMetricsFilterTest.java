package dev.trellis.adapter.web.auth.in.filter;

import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers count as sign-ins and failures, and under which method. */
class SignInMetricsFilterTest {

    @ParameterizedTest
    @CsvSource({
            // path, status, opens a session, sign-ins, failures (counted under the method)
            "/api/auth/sign-in/email, 200, true, email, ",
            "/api/auth/sign-in/email, 200, false, , ",                       // a second factor is asked for
            "/api/auth/sign-in/email, 401, false, , email",
            "/api/auth/sign-in/email, 403, false, , email",                  // email not verified
            "/api/auth/sign-in/email, 429, false, , ",                       // counted as rate-limited instead
            "/api/auth/sign-in/email-otp, 200, true, email-otp, ",
            "/api/auth/sign-in/email-otp, 400, false, , email-otp",
            "/api/auth/callback/github, 302, true, social, ",
            "/api/auth/magic-link/verify, 302, true, magic-link, ",
            "/api/auth/passkey/verify-authentication, 200, true, passkey, ",
            "/api/auth/two-factor/verify-totp, 200, true, two-factor, ",
            "/api/auth/two-factor/verify-backup-code, 401, false, , two-factor",
            "/api/auth/sign-up/email, 200, true, , ",                        // a sign-up is not a sign-in
            "/api/auth/get-session, 200, true, , ",
    })
    void counts_sessions_opened_and_4xx_by_method(String path, int status, boolean opensSession, String signedIn, String failed)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        MockHttpServletResponse response = new MockHttpServletResponse();

        new SignInMetricsFilter(new AuthMeters(registry)).doFilter(request, response, (req, res) -> {
            HttpServletResponse answer = (HttpServletResponse) res;
            answer.setStatus(status);
            if (opensSession) {
                answer.setHeader(AuthCookies.SET_AUTH_TOKEN, "token.signature");
            }
        });

        assertThat(registry.find("trellis.auth.sign.ins").counters()).extracting(c -> c.getId().getTag("method"))
                .containsExactlyElementsOf(signedIn == null ? List.of() : List.of(signedIn));
        assertThat(registry.find("trellis.auth.sign.in.failures").counters()).extracting(c -> c.getId().getTag("method"))
                .containsExactlyElementsOf(failed == null ? List.of() : List.of(failed));
    }
}
