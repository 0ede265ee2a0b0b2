package dev.trellis.bootstrap.auth;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passkey plugin's options as settings: {@code authenticatorSelection} in the registration
 * options, the challenge cookie's name, the relying party's name, several origins, of which a
 * response must name one even when the origin check trusts more, and registration without a fresh session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000",
        "BETTER_AUTH_TRUSTED_ORIGINS=http://localhost:5173,http://localhost:4000",
        "trellis.auth.rate-limit.enabled=false",
        "trellis.auth.passkey.rp-name=My App",
        "trellis.auth.passkey.origin=http://localhost:3000, http://localhost:5173",
        "trellis.auth.passkey.resident-key=required",
        "trellis.auth.passkey.user-verification=required",
        "trellis.auth.passkey.authenticator-attachment=cross-platform",
        "trellis.auth.passkey.challenge-cookie=my-app-passkey",
        "trellis.auth.passkey.registration.require-session=false"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class PasskeySettingsTest {

    static final String COOKIE = "better-auth.my-app-passkey";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Browser signedUp(String origin) throws Exception {
        Browser browser = new Browser(port, origin);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    @Test
    void registration_options_ask_for_the_configured_authenticator_selection_under_the_configured_cookie() throws Exception {
        Browser browser = signedUp(AuthTestSupport.ORIGIN);

        var options = browser.get("/api/auth/passkey/generate-register-options");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().get("authenticatorSelection").toString()).isEqualTo("{\"residentKey\":\"required\","
                + "\"userVerification\":\"required\",\"authenticatorAttachment\":\"cross-platform\",\"requireResidentKey\":true}");
        assertThat(options.json().get("rp").get("name").asString()).isEqualTo("My App");
        assertThat(options.setCookies()).anyMatch(c -> c.startsWith(COOKIE + "="))
                .noneMatch(c -> c.startsWith(PasskeyTest.CHALLENGE_COOKIE + "="));

        var platform = browser.get("/api/auth/passkey/generate-register-options?authenticatorAttachment=platform");
        assertThat(platform.json().get("authenticatorSelection").get("authenticatorAttachment").asString())
                .as("the request's attachment wins, as in Better Auth").isEqualTo("platform");

        var signIn = new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/passkey/generate-authenticate-options");
        assertThat(signIn.setCookies()).anyMatch(c -> c.startsWith(COOKIE + "="));
    }

    @Test
    void a_response_must_come_from_one_of_the_configured_origins() throws Exception {
        Browser onApp = signedUp("http://localhost:5173");
        SoftwareAuthenticator key = new SoftwareAuthenticator("http://localhost:5173", "localhost");
        var options = onApp.get("/api/auth/passkey/generate-register-options");
        var registered = onApp.post("/api/auth/passkey/verify-registration",
                "{\"response\":" + key.create(options.json().get("challenge").asString()) + "}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);

        key.origin = AuthTestSupport.ORIGIN;
        Browser onSite = new Browser(port, AuthTestSupport.ORIGIN);
        var signInOptions = onSite.get("/api/auth/passkey/generate-authenticate-options");
        var signedIn = onSite.post("/api/auth/passkey/verify-authentication",
                "{\"response\":" + key.get(signInOptions.json().get("challenge").asString()) + "}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);

        // trusted by the origin check, but not one of the passkey origins
        Browser elsewhere = signedUp("http://localhost:4000");
        SoftwareAuthenticator other = new SoftwareAuthenticator("http://localhost:4000", "localhost");
        var otherOptions = elsewhere.get("/api/auth/passkey/generate-register-options");
        var refused = elsewhere.post("/api/auth/passkey/verify-registration",
                "{\"response\":" + other.create(otherOptions.json().get("challenge").asString()) + "}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.json().get("code").asString()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");
        assertThat(jdbc.sql("select count(*) from passkey where credential_id = ?").param(other.credentialIdBase64Url())
                .query(Long.class).single()).isZero();
    }

    @Test
    void without_require_session_a_session_that_is_not_fresh_registers_a_passkey() throws Exception {
        Browser browser = signedUp(AuthTestSupport.ORIGIN);
        String token = browser.get("/api/auth/get-session").json().get("session").get("token").asString();
        jdbc.sql("update session set created_at = created_at - interval '2 days' where token = ?").param(token).update();

        var options = browser.get("/api/auth/passkey/generate-register-options");
        assertThat(options.status()).as("a fresh session is not asked for: " + options.body()).isEqualTo(200);
        SoftwareAuthenticator key = new SoftwareAuthenticator(AuthTestSupport.ORIGIN, "localhost");
        var registered = browser.post("/api/auth/passkey/verify-registration",
                "{\"response\":" + key.create(options.json().get("challenge").asString()) + "}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);

        var nobody = new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/passkey/generate-register-options");
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.json().get("code").asString()).isEqualTo("RESOLVE_USER_REQUIRED");
    }
}
