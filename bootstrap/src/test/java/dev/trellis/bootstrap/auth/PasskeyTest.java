package dev.trellis.bootstrap.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better Auth's passkey plugin over HTTP, against PostgreSQL, driven by a software authenticator
 * that makes real P-256 keys, authenticator data and signatures: registration, listing, renaming,
 * sign-in and deletion, and the refusals (a bad signature, a replayed assertion, a counter that did
 * not grow, someone else's passkey), each leaving nothing changed.
 */
@AuthTestSupport
class PasskeyTest {

    static final String CHALLENGE_COOKIE = "better-auth.better-auth-passkey";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    record Enrolled(Browser browser, String email, SoftwareAuthenticator authenticator, JsonNode passkey) {
    }

    Browser signedUp(String email) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    Enrolled enrolled() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(AuthTestSupport.ORIGIN, "localhost");
        var options = browser.get("/api/auth/passkey/generate-register-options");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        var verified = browser.post("/api/auth/passkey/verify-registration", "{\"response\":"
                + authenticator.create(options.json().get("challenge").asString()) + ",\"name\":\"Laptop\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return new Enrolled(browser, email, authenticator, verified.json());
    }

    /** A browser with nobody signed in, holding the challenge cookie of fresh authentication options. */
    record Ceremony(Browser browser, String challenge) {
    }

    Ceremony signInOptions() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var options = browser.get("/api/auth/passkey/generate-authenticate-options");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return new Ceremony(browser, options.json().get("challenge").asString());
    }

    long counter(String passkeyId) {
        return jdbc.sql("select counter from passkey where id = ?").param(passkeyId).query(Long.class).single();
    }

    int sessions(String email) {
        return jdbc.sql("select count(*) from session s join \"user\" u on u.id = s.user_id where u.email = ?")
                .param(email).query(Integer.class).single();
    }

    @Test
    void registration_options_are_simplewebauthns_and_set_the_signed_challenge_cookie() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);

        var options = browser.get("/api/auth/passkey/generate-register-options?authenticatorAttachment=platform");

        assertThat(options.status()).isEqualTo(200);
        JsonNode json = options.json();
        assertThat(json.propertyNames()).containsExactly("challenge", "rp", "user", "pubKeyCredParams", "timeout",
                "attestation", "excludeCredentials", "authenticatorSelection", "extensions", "hints");
        assertThat(Base64.getUrlDecoder().decode(json.get("challenge").asString())).hasSize(32);
        assertThat(json.get("rp").get("id").asString()).isEqualTo("localhost");
        assertThat(json.get("user").get("name").asString()).isEqualTo(email);
        assertThat(json.get("user").get("displayName").asString()).isEqualTo(email);
        assertThat(json.get("pubKeyCredParams").toString())
                .isEqualTo("[{\"alg\":-8,\"type\":\"public-key\"},{\"alg\":-7,\"type\":\"public-key\"},{\"alg\":-257,\"type\":\"public-key\"}]");
        assertThat(json.get("attestation").asString()).isEqualTo("none");
        assertThat(json.get("authenticatorSelection").get("authenticatorAttachment").asString()).isEqualTo("platform");
        assertThat(json.get("authenticatorSelection").get("residentKey").asString()).isEqualTo("preferred");
        String cookie = options.setCookies().stream().filter(c -> c.startsWith(CHALLENGE_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Max-Age=300").contains("HttpOnly").contains("SameSite=Lax");
        String key = jdbc.sql("select identifier from verification where value like ?")
                .param("%" + json.get("challenge").asString() + "%").query(String.class).single();
        assertThat(browser.cookies().get(CHALLENGE_COOKIE)).startsWith(key + ".");

        assertThat(new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/passkey/generate-register-options").status())
                .isEqualTo(401);
    }

    @Test
    void a_passkey_registers_lists_renames_signs_in_and_is_deleted() throws Exception {
        Enrolled enrolled = enrolled();
        JsonNode passkey = enrolled.passkey();
        assertThat(passkey.get("name").asString()).isEqualTo("Laptop");
        assertThat(passkey.get("credentialID").asString()).isEqualTo(enrolled.authenticator().credentialIdBase64Url());
        assertThat(Base64.getDecoder().decode(passkey.get("publicKey").asString())).isNotEmpty();
        assertThat(passkey.get("counter").asLong()).isZero();
        assertThat(passkey.get("deviceType").asString()).isEqualTo("multiDevice");
        assertThat(passkey.get("backedUp").asBoolean()).isTrue();
        assertThat(passkey.get("transports").asString()).isEqualTo("hybrid,internal");
        assertThat(passkey.get("aaguid").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        String id = passkey.get("id").asString();

        var list = enrolled.browser().get("/api/auth/passkey/list-user-passkeys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0).get("id").asString()).isEqualTo(id);

        var renamed = enrolled.browser().post("/api/auth/passkey/update-passkey", "{\"id\":\"" + id + "\",\"name\":\"  Work laptop \"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("passkey").get("name").asString()).isEqualTo("Work laptop");

        // the options of a signed-in user name its passkeys
        var again = enrolled.browser().get("/api/auth/passkey/generate-authenticate-options");
        assertThat(again.json().get("allowCredentials").get(0).get("id").asString())
                .isEqualTo(enrolled.authenticator().credentialIdBase64Url());

        Ceremony ceremony = signInOptions();
        var signIn = ceremony.browser().post("/api/auth/passkey/verify-authentication",
                "{\"response\":" + enrolled.authenticator().get(ceremony.challenge()) + "}");
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().get("user").get("email").asString()).isEqualTo(enrolled.email());
        assertThat(signIn.header("set-auth-token")).isNotNull();
        var session = ceremony.browser().get("/api/auth/get-session");
        assertThat(session.json().get("user").get("email").asString()).isEqualTo(enrolled.email());
        assertThat(counter(id)).isEqualTo(1);

        var deleted = enrolled.browser().post("/api/auth/passkey/delete-passkey", "{\"id\":\"" + id + "\"}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"status\":true}");
        assertThat(enrolled.browser().get("/api/auth/passkey/list-user-passkeys").body()).isEqualTo("[]");
        Ceremony afterDelete = signInOptions();
        var refused = afterDelete.browser().post("/api/auth/passkey/verify-authentication",
                "{\"response\":" + enrolled.authenticator().get(afterDelete.challenge()) + "}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("PASSKEY_NOT_FOUND");
    }

    @Test
    void a_wrong_signature_is_401_authentication_failed_and_changes_nothing() throws Exception {
        Enrolled enrolled = enrolled();
        String id = enrolled.passkey().get("id").asString();
        int sessionsBefore = sessions(enrolled.email());

        Ceremony ceremony = signInOptions();
        var response = ceremony.browser().post("/api/auth/passkey/verify-authentication", "{\"response\":"
                + enrolled.authenticator().get(ceremony.challenge(), SoftwareAuthenticator.otherKey(), 5) + "}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(response.json().get("message").asString()).isEqualTo("Authentication failed");
        assertThat(response.header("set-auth-token")).isNull();
        assertThat(ceremony.browser().get("/api/auth/get-session").body()).isEqualTo("null");
        assertThat(counter(id)).isZero();
        assertThat(sessions(enrolled.email())).isEqualTo(sessionsBefore);
    }

    @Test
    void a_replayed_assertion_is_400_challenge_not_found_and_changes_nothing() throws Exception {
        Enrolled enrolled = enrolled();
        String id = enrolled.passkey().get("id").asString();
        Ceremony ceremony = signInOptions();
        String body = "{\"response\":" + enrolled.authenticator().get(ceremony.challenge()) + "}";
        assertThat(ceremony.browser().post("/api/auth/passkey/verify-authentication", body).status()).isEqualTo(200);
        int sessionsAfterSignIn = sessions(enrolled.email());

        Browser attacker = new Browser(port, AuthTestSupport.ORIGIN);
        attacker.cookie(CHALLENGE_COOKIE, ceremony.browser().cookies().get(CHALLENGE_COOKIE));
        var replayed = attacker.post("/api/auth/passkey/verify-authentication", body);

        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().get("code").asString()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(replayed.json().get("message").asString()).isEqualTo("Challenge not found");
        assertThat(counter(id)).isEqualTo(1);
        assertThat(sessions(enrolled.email())).isEqualTo(sessionsAfterSignIn);

        // the same assertion against a fresh challenge: the challenge does not match
        Ceremony fresh = signInOptions();
        var stale = fresh.browser().post("/api/auth/passkey/verify-authentication", body);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");

        // without the cookie there is no challenge at all
        var noCookie = new Browser(port, AuthTestSupport.ORIGIN).post("/api/auth/passkey/verify-authentication", body);
        assertThat(noCookie.status()).isEqualTo(400);
        assertThat(noCookie.json().get("code").asString()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(counter(id)).isEqualTo(1);
        assertThat(sessions(enrolled.email())).isEqualTo(sessionsAfterSignIn);
    }

    @Test
    void a_counter_that_did_not_grow_is_refused() throws Exception {
        Enrolled enrolled = enrolled();
        String id = enrolled.passkey().get("id").asString();
        Ceremony first = signInOptions();
        assertThat(first.browser().post("/api/auth/passkey/verify-authentication",
                "{\"response\":" + enrolled.authenticator().get(first.challenge()) + "}").status()).isEqualTo(200);

        Ceremony cloned = signInOptions();
        var response = cloned.browser().post("/api/auth/passkey/verify-authentication", "{\"response\":"
                + enrolled.authenticator().get(cloned.challenge(), enrolled.authenticator().key, 1) + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(counter(id)).isEqualTo(1);
    }

    @Test
    void a_registration_is_checked_against_its_challenge_and_spent_once() throws Exception {
        Browser browser = signedUp(AuthTestSupport.Emails.next());
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(AuthTestSupport.ORIGIN, "localhost");
        var options = browser.get("/api/auth/passkey/generate-register-options");
        String wrongChallenge = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

        var wrong = browser.post("/api/auth/passkey/verify-registration",
                "{\"response\":" + authenticator.create(wrongChallenge) + "}");
        assertThat(wrong.status()).as("Better Auth's status when SimpleWebAuthn throws").isEqualTo(500);
        assertThat(wrong.json().get("code").asString()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");
        assertThat(wrong.json().get("message").asString()).isEqualTo("Failed to verify registration");

        var spent = browser.post("/api/auth/passkey/verify-registration",
                "{\"response\":" + authenticator.create(options.json().get("challenge").asString()) + "}");
        assertThat(spent.status()).isEqualTo(400);
        assertThat(spent.json().get("code").asString()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(browser.get("/api/auth/passkey/list-user-passkeys").body()).isEqualTo("[]");
    }

    @Test
    void create_session_answers_the_passkey_with_a_new_session_and_sets_its_cookie() throws Exception {
        String email = AuthTestSupport.Emails.next();
        Browser browser = signedUp(email);
        String before = browser.cookies().get("better-auth.session_token");
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(AuthTestSupport.ORIGIN, "localhost");
        var options = browser.get("/api/auth/passkey/generate-register-options");

        var verified = browser.post("/api/auth/passkey/verify-registration", "{\"response\":"
                + authenticator.create(options.json().get("challenge").asString()) + ",\"createSession\":true}");

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("credentialID").asString()).isEqualTo(authenticator.credentialIdBase64Url());
        assertThat(verified.json().get("user").get("email").asString()).isEqualTo(email);
        String token = verified.json().get("session").get("token").asString();
        assertThat(browser.cookies().get("better-auth.session_token")).isNotEqualTo(before).startsWith(token + ".");
        assertThat(sessions(email)).isEqualTo(2);
    }

    @Test
    void only_the_owner_renames_or_deletes_a_passkey() throws Exception {
        Enrolled owner = enrolled();
        String id = owner.passkey().get("id").asString();
        Browser other = signedUp(AuthTestSupport.Emails.next());

        var rename = other.post("/api/auth/passkey/update-passkey", "{\"id\":\"" + id + "\",\"name\":\"Mine\"}");
        assertThat(rename.status()).isEqualTo(401);
        assertThat(rename.json().get("code").asString()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
        var delete = other.post("/api/auth/passkey/delete-passkey", "{\"id\":\"" + id + "\"}");
        assertThat(delete.status()).isEqualTo(401);
        var unknown = other.post("/api/auth/passkey/delete-passkey", "{\"id\":\"no-such-passkey\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("PASSKEY_NOT_FOUND");
        assertThat(other.get("/api/auth/passkey/list-user-passkeys").body()).isEqualTo("[]");
        assertThat(new Browser(port, AuthTestSupport.ORIGIN).get("/api/auth/passkey/list-user-passkeys").status())
                .isEqualTo(401);

        var list = owner.browser().get("/api/auth/passkey/list-user-passkeys").json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("name").asString()).isEqualTo("Laptop");
    }
}
