package dev.trellis.bootstrap.auth;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.adapter.web.auth.out.twofactor.Rfc6238TotpCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trellis and Better Auth itself (better-auth 1.7.25 on Node.js), over HTTP:
 * <ul>
 *   <li>Better Auth's own client ({@code createAuthClient}) signs up, in and out and manages sessions on Trellis;</li>
 *   <li>a Better Auth server on the same database with the same secret: passwords set on either
 *       server sign in on the other, session cookies issued by either are accepted by the other, and
 *       users it creates get Trellis's profile and settings rows.</li>
 * </ul>
 * Needs Node.js 20+ and npm (the npm registry on the first run; later runs reuse the install in
 * {@code target/better-auth-interop}); skipped without {@code node} on the PATH.
 */
@EnabledIf(value = "dev.trellis.bootstrap.auth.BetterAuthNode#nodeOnPath",
        disabledReason = "Node.js (`node`) is not on the PATH: the Better Auth interoperability test needs Node.js 20+ and npm")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "trellis.auth.rate-limit.enabled=false"})
class BetterAuthInteropTest {

    static final String DATABASE = "better_auth_interop";
    static final String COOKIE = "better-auth.session_token";
    static final String PASSWORD_HASH = "[0-9a-f]{32}:[0-9a-f]{128}";
    /** Trellis's port is chosen here, not by Spring, so that BETTER_AUTH_URL can name it before the server starts. */
    static final int PORT = freePort();
    static final String TRELLIS_URL = "http://localhost:" + PORT;

    private static BetterAuthNode node;
    private static BetterAuthNode.Server betterAuth;

    @DynamicPropertySource
    static void trellisOnItsOwnDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
        registry.add("server.port", () -> PORT);
        registry.add("BETTER_AUTH_URL", () -> TRELLIS_URL);
    }

    /** On a failed test, what the Better Auth server printed. */
    @RegisterExtension
    static final TestWatcher NODE_OUTPUT = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (betterAuth != null) {
                System.err.println(context.getDisplayName() + " failed; the Better Auth server said:\n" + betterAuth.output());
            }
        }
    };

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void installBetterAuth() {
        node = BetterAuthNode.prepared(); // skips the class without Node.js; fails it if npm cannot install
    }

    @AfterAll
    static void stopBetterAuth() {
        if (betterAuth != null) {
            betterAuth.close();
            betterAuth = null;
        }
    }

    /** The Better Auth server on Trellis's database, started on first use (after Flyway made the tables). */
    static synchronized BetterAuthNode.Server betterAuth() {
        if (betterAuth == null) {
            betterAuth = node.start("server.mjs", Map.of(
                    "DATABASE_URL", "postgres://postgres@localhost:" + TestPostgres.server().getPort() + "/" + DATABASE,
                    "BETTER_AUTH_SECRET", AuthTestSupport.SECRET,
                    "TRUSTED_ORIGINS", TRELLIS_URL,
                    "MAX_LIFETIME_SECONDS", "900"), Duration.ofSeconds(60));
        }
        assertThat(betterAuth.isAlive()).as(betterAuth::output).isTrue();
        return betterAuth;
    }

    Browser trellis() {
        return new Browser(port, TRELLIS_URL);
    }

    Browser betterAuthBrowser() {
        BetterAuthNode.Server server = betterAuth();
        return new Browser(server.port(), server.baseUrl());
    }

    @Test
    void trellis_serves_on_the_url_better_auth_is_told() {
        assertThat(port).isEqualTo(PORT);
    }

    @Test
    void better_auths_own_client_signs_up_in_and_out_and_manages_sessions_on_trellis() {
        String email = AuthTestSupport.Emails.next();
        BetterAuthNode.Result run = node.run("client-flow.mjs", Map.of(
                "AUTH_URL", TRELLIS_URL, "EMAIL", email, "PASSWORD", "client-password-1"), Duration.ofSeconds(120));
        JsonNode steps = Browser.JSON.readTree(run.lastLine()).get("steps");
        String context = run.output();

        JsonNode signUp = steps.get("signUp");
        assertThat(signUp.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(signUp.get("data").get("user").get("email").asString()).isEqualTo(email);
        assertThat(signUp.get("data").get("user").get("name").asString()).isEqualTo("Interop Client");
        assertThat(strings(signUp.get("cookies"))).as(context).contains(COOKIE);
        String firstToken = signUp.get("data").get("token").asString();

        JsonNode session = steps.get("getSession");
        assertThat(session.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(session.get("data").get("token").asString()).isEqualTo(firstToken);
        assertThat(session.get("data").get("user").get("email").asString()).isEqualTo(email);

        JsonNode signOut = steps.get("signOut");
        assertThat(signOut.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(signOut.get("data").get("success").asBoolean()).isTrue();
        assertThat(strings(signOut.get("cookies"))).as(context).doesNotContain(COOKIE);
        assertThat(steps.get("getSessionAfterSignOut").get("status").asInt()).isEqualTo(200);
        assertThat(steps.get("getSessionAfterSignOut").get("data").isNull()).as(context).isTrue();

        JsonNode wrong = steps.get("signInWrongPassword");
        assertThat(wrong.get("status").asInt()).as(context).isEqualTo(401);
        assertThat(wrong.get("error").get("code").asString()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");

        JsonNode signIn = steps.get("signIn");
        assertThat(signIn.get("status").asInt()).as(context).isEqualTo(200);
        String laptopToken = signIn.get("data").get("token").asString();
        JsonNode phone = steps.get("signInOnPhone");
        assertThat(phone.get("status").asInt()).as(context).isEqualTo(200);
        String phoneToken = phone.get("data").get("token").asString();

        JsonNode listed = steps.get("listSessions");
        assertThat(listed.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(strings(listed.get("data"))).as(context).containsExactlyInAnyOrder(laptopToken, phoneToken);

        JsonNode revoked = steps.get("revokeSession");
        assertThat(revoked.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(revoked.get("data").get("status").asBoolean()).isTrue();
        assertThat(steps.get("phoneGetSessionAfterRevoke").get("data").isNull()).as(context).isTrue();
        assertThat(strings(steps.get("listSessionsAfterRevoke").get("data"))).as(context).containsExactly(laptopToken);

        assertThat(jdbc.sql("select s.token from session s join \"user\" u on u.id = s.user_id where u.email = ?")
                .param(email).query(String.class).list()).containsExactly(laptopToken);

        // jwtClient: the key set, a token, the set-auth-jwt header; both JWTs verify with the key set alone
        JsonNode jwks = steps.get("jwks");
        assertThat(jwks.get("status").asInt()).as(context).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        jwks.get("data").forEach(key -> {
            assertThat(key.get("alg").asString()).isEqualTo("EdDSA");
            assertThat(key.get("crv").asString()).isEqualTo("Ed25519");
            kids.add(key.get("kid").asString());
        });
        JsonNode token = steps.get("token");
        assertThat(token.get("status").asInt()).as(context).isEqualTo(200);
        String jwt = token.get("data").get("token").asString();
        String header = steps.get("getSessionJwt").get("data").get("setAuthJwt").asString();
        for (String signed : List.of(jwt, header)) {
            assertThat(kids).as(context).contains(JwtTest.header(signed).get("kid").asString());
            try {
                assertThat(JwtTest.verify(signed, URI.create(TRELLIS_URL + "/api/auth/jwks"), TRELLIS_URL).getStringClaim("email"))
                        .isEqualTo(email);
            } catch (Exception e) {
                throw new AssertionError(context, e);
            }
        }

        // twoFactorClient, for a second user: enable, confirm, a sign-in that owes a TOTP, a backup code
        // once, a trusted device
        assertThat(steps.get("twoFactorSignUp").get("status").asInt()).as(context).isEqualTo(200);
        JsonNode enabled = steps.get("twoFactorEnable");
        assertThat(enabled.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(enabled.get("data").get("totpURI").asString()).startsWith("otpauth://totp/");
        assertThat(enabled.get("data").get("backupCodes").size()).isEqualTo(10);
        assertThat(steps.get("twoFactorConfirm").get("status").asInt()).as(context).isEqualTo(200);
        JsonNode redirected = steps.get("twoFactorSignIn");
        assertThat(redirected.get("data").get("twoFactorRedirect").asBoolean()).as(context).isTrue();
        assertThat(redirected.get("data").get("redirects").asInt()).as("onTwoFactorRedirect ran").isEqualTo(1);
        assertThat(strings(redirected.get("cookies"))).as(context).contains("better-auth.two_factor").doesNotContain(COOKIE);
        assertThat(steps.get("twoFactorWrongCode").get("status").asInt()).as(context).isEqualTo(401);
        assertThat(steps.get("twoFactorWrongCode").get("error").get("code").asString()).isEqualTo("INVALID_CODE");
        JsonNode verified = steps.get("twoFactorVerify");
        assertThat(verified.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(strings(verified.get("cookies"))).as(context).contains(COOKIE, "better-auth.trust_device")
                .doesNotContain("better-auth.two_factor");
        assertThat(steps.get("twoFactorGetSession").get("data").get("token").asString())
                .isEqualTo(verified.get("data").get("token").asString());
        assertThat(steps.get("twoFactorPhoneSignIn").get("data").get("twoFactorRedirect").asBoolean()).as(context).isTrue();
        assertThat(steps.get("twoFactorBackupCode").get("status").asInt()).as(context).isEqualTo(200);
        assertThat(steps.get("twoFactorBackupCodeReused").get("status").asInt()).as(context).isEqualTo(401);
        assertThat(steps.get("twoFactorBackupCodeReused").get("error").get("code").asString()).isEqualTo("INVALID_BACKUP_CODE");
        JsonNode trusted = steps.get("twoFactorTrustedSignIn");
        assertThat(trusted.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(trusted.get("data").get("twoFactorRedirect").isNull()).as(context).isTrue();
        assertThat(trusted.get("data").get("token").asString()).isNotBlank();
        assertThat(steps.get("twoFactorDisable").get("status").asInt()).as(context).isEqualTo(200);
        assertThat(jdbc.sql("select two_factor_enabled from \"user\" where email = ?").param("2fa-" + email)
                .query(Boolean.class).single()).isFalse();

        passkeyClientSteps(steps, "passkey-" + email, context);
    }

    /**
     * passkeyClient with the software authenticator of {@code software-authenticator.mjs} behind
     * {@code navigator.credentials}: a passkey added, refused a second time (the options exclude it),
     * listed, signing in devices without a session; a replayed and a badly signed assertion refused.
     */
    private void passkeyClientSteps(JsonNode steps, String email, String context) {
        assertThat(steps.get("passkeySignUp").get("status").asInt()).as(context).isEqualTo(200);
        String userId = steps.get("passkeySignUp").get("data").get("user").get("id").asString();
        JsonNode added = steps.get("passkeyAdd");
        assertThat(added.get("error").isNull()).as(context).isTrue();
        assertThat(added.get("requests").findValuesAsString("path")).as(context).containsExactly(
                "/api/auth/passkey/generate-register-options", "/api/auth/passkey/verify-registration");
        assertThat(added.get("requests").get(1).get("status").asInt()).as(context).isEqualTo(200);
        JsonNode passkey = added.get("data");
        assertThat(passkey.get("name").asString()).isEqualTo("Laptop key");
        assertThat(passkey.get("userId").asString()).isEqualTo(userId);
        assertThat(passkey.get("counter").asLong()).isZero();
        assertThat(passkey.get("deviceType").asString()).isEqualTo("singleDevice");
        assertThat(passkey.get("transports").asString()).isEqualTo("internal,hybrid");
        assertThat(passkey.get("aaguid").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        String credentialId = passkey.get("credentialID").asString();
        assertThat(credentialId).matches("[A-Za-z0-9_-]{43}");
        assertThat(jdbc.sql("select user_id || ' ' || name || ' ' || public_key from passkey where credential_id = ?")
                .param(credentialId).query(String.class).list()).as("the credential is in Trellis's passkey table")
                .containsExactly(userId + " Laptop key " + passkey.get("publicKey").asString());

        JsonNode again = steps.get("passkeyAddAgain");
        assertThat(again.get("error").get("code").asString()).as(context).isEqualTo("ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED");
        assertThat(again.get("requests").findValuesAsString("path")).as("refused before verification, by excludeCredentials")
                .containsExactly("/api/auth/passkey/generate-register-options");
        JsonNode listed = steps.get("passkeyList");
        assertThat(listed.get("status").asInt()).as(context).isEqualTo(200);
        assertThat(listed.get("data").findValuesAsString("credentialID")).containsExactly(credentialId);

        JsonNode signedIn = steps.get("passkeySignIn");
        assertThat(signedIn.get("error").isNull()).as(context).isTrue();
        assertThat(signedIn.get("data").get("user").get("email").asString()).isEqualTo(email);
        assertThat(strings(signedIn.get("cookies"))).as(context).contains(COOKIE);
        String phoneToken = signedIn.get("data").get("token").asString();
        assertThat(steps.get("passkeyGetSession").get("data").get("token").asString()).as(context).isEqualTo(phoneToken);

        JsonNode spent = steps.get("passkeyReplaySpent");
        assertThat(spent.get("status").asInt()).as(context).isEqualTo(400);
        assertThat(spent.get("error").get("code").asString()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(steps.get("passkeyFreshOptions").get("status").asInt()).as(context).isEqualTo(200);
        JsonNode replayed = steps.get("passkeyReplayFreshChallenge");
        assertThat(replayed.get("status").asInt()).as(context).isEqualTo(400);
        assertThat(replayed.get("error").get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
        JsonNode badSignature = steps.get("passkeyBadSignature");
        assertThat(badSignature.get("requests").get(1).get("status").asInt()).as(context).isEqualTo(401);
        assertThat(badSignature.get("error").get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(strings(badSignature.get("cookies"))).as(context).doesNotContain(COOKIE);

        JsonNode again2 = steps.get("passkeySignInAgain");
        assertThat(again2.get("error").isNull()).as(context).isTrue();
        String tabletToken = again2.get("data").get("token").asString();
        assertThat(steps.get("passkeyTabletGetSession").get("data").get("token").asString()).as(context).isEqualTo(tabletToken);
        assertThat(jdbc.sql("select counter from passkey where credential_id = ?").param(credentialId).query(Long.class)
                .single()).as("the counter of the last good assertion; the refused ones stored nothing").isEqualTo(3L);
        assertThat(jdbc.sql("select s.token from session s join \"user\" u on u.id = s.user_id where u.email = ?")
                .param(email).query(String.class).list()).containsExactlyInAnyOrder(
                steps.get("passkeySignUp").get("data").get("token").asString(), phoneToken, tabletToken);
    }

    @Test
    void a_password_set_on_either_server_signs_in_on_the_other() throws Exception {
        String onTrellis = AuthTestSupport.Emails.next();
        var trellisSignUp = trellis().post("/api/auth/sign-up/email", signUp("Trellis User", onTrellis, "trellis-password"));
        assertThat(trellisSignUp.status()).as(trellisSignUp.body()).isEqualTo(200);

        var onBetterAuth = betterAuthBrowser().post("/api/auth/sign-in/email", signIn(onTrellis, "trellis-password"));
        assertThat(onBetterAuth.status()).as(onBetterAuth.body()).isEqualTo(200);
        assertThat(onBetterAuth.json().get("user").get("id").asString())
                .isEqualTo(trellisSignUp.json().get("user").get("id").asString());
        assertThat(betterAuthBrowser().post("/api/auth/sign-in/email", signIn(onTrellis, "wrong-password")).status()).isEqualTo(401);

        String fromBetterAuth = AuthTestSupport.Emails.next();
        var betterAuthSignUp = betterAuthBrowser().post("/api/auth/sign-up/email",
                signUp("Better Auth User", fromBetterAuth, "better-auth-password"));
        assertThat(betterAuthSignUp.status()).as(betterAuthSignUp.body()).isEqualTo(200);
        String betterAuthId = betterAuthSignUp.json().get("user").get("id").asString();
        assertThat(betterAuthId).as("Better Auth's own id format").matches("[A-Za-z0-9]{32}");

        var onTrellisSignIn = trellis().post("/api/auth/sign-in/email", signIn(fromBetterAuth, "better-auth-password"));
        assertThat(onTrellisSignIn.status()).as(onTrellisSignIn.body()).isEqualTo(200);
        assertThat(onTrellisSignIn.json().get("user").get("id").asString()).isEqualTo(betterAuthId);
        var wrong = trellis().post("/api/auth/sign-in/email", signIn(fromBetterAuth, "wrong-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asString()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");

        for (String email : List.of(onTrellis, fromBetterAuth)) {
            assertThat(jdbc.sql("select a.password from account a join \"user\" u on u.id = a.user_id"
                            + " where u.email = ? and a.provider_id = 'credential' and a.account_id = u.id")
                    .param(email).query(String.class).single()).as(email).matches(PASSWORD_HASH);
        }
    }

    @Test
    void a_session_cookie_issued_by_either_server_is_accepted_by_the_other() throws Exception {
        Browser trellisUser = trellis();
        String trellisEmail = AuthTestSupport.Emails.next();
        assertThat(trellisUser.post("/api/auth/sign-up/email", signUp("Ada", trellisEmail, "password-123")).status()).isEqualTo(200);
        JsonNode onTrellis = trellisUser.get("/api/auth/get-session").json();

        Browser carried = betterAuthBrowser();
        carried.cookie(COOKIE, trellisUser.cookies().get(COOKIE));
        var seenByBetterAuth = carried.get("/api/auth/get-session");
        assertThat(seenByBetterAuth.status()).as(seenByBetterAuth.body()).isEqualTo(200);
        assertThat(seenByBetterAuth.json().isNull()).as("Better Auth refused Trellis's cookie").isFalse();
        assertSameSession(seenByBetterAuth.json(), onTrellis);

        Browser betterAuthUser = betterAuthBrowser();
        String betterAuthEmail = AuthTestSupport.Emails.next();
        var signedUp = betterAuthUser.post("/api/auth/sign-up/email", signUp("Grace", betterAuthEmail, "password-456"));
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        assertThat(betterAuthUser.cookies()).containsKey(COOKIE);
        JsonNode onBetterAuth = betterAuthUser.get("/api/auth/get-session").json();

        Browser carriedBack = trellis();
        carriedBack.cookie(COOKIE, betterAuthUser.cookies().get(COOKIE));
        var seenByTrellis = carriedBack.get("/api/auth/get-session");
        assertThat(seenByTrellis.status()).isEqualTo(200);
        assertThat(seenByTrellis.json().isNull()).as("Trellis refused Better Auth's cookie").isFalse();
        assertSameSession(seenByTrellis.json(), onBetterAuth);
        assertThat(seenByTrellis.json().get("user").get("email").asString()).isEqualTo(betterAuthEmail);
        Instant createdAt = Instant.parse(seenByTrellis.json().get("user").get("createdAt").asString());
        assertThat(Duration.between(createdAt, Instant.now()).abs()).as("Better Auth's timestamps read back as UTC")
                .isLessThan(Duration.ofMinutes(1));

        // One session table: a session made on Better Auth is listed, and ended, by Trellis.
        var betterAuthSignIn = betterAuthBrowser().post("/api/auth/sign-in/email", signIn(trellisEmail, "password-123"));
        String betterAuthToken = betterAuthSignIn.json().get("token").asString();
        var listed = trellisUser.get("/api/auth/list-sessions");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> tokens = new ArrayList<>();
        listed.json().forEach(session -> tokens.add(session.get("token").asString()));
        assertThat(tokens).contains(onTrellis.get("session").get("token").asString(), betterAuthToken);
        assertThat(trellisUser.post("/api/auth/revoke-session", "{\"token\":\"" + betterAuthToken + "\"}").status()).isEqualTo(200);
        Browser revoked = betterAuthBrowser();
        revoked.cookie(COOKIE, cookieOf(betterAuthSignIn));
        assertThat(revoked.get("/api/auth/get-session").body()).isEqualTo("null");

        // Signing out on Trellis ends the session for Better Auth too.
        assertThat(trellisUser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
        assertThat(carried.get("/api/auth/get-session").body()).isEqualTo("null");
    }

    /**
     * The jwt plugin on both servers, one jwks table: whichever server makes the key first, the other
     * opens its sealed private key and signs with it, and a token signed by either verifies with the
     * other's key set.
     */
    @Test
    void a_jwt_signed_by_either_server_verifies_with_the_others_key_set() throws Exception {
        Browser onTrellis = trellis();
        assertThat(onTrellis.post("/api/auth/sign-up/email", signUp("Ada", AuthTestSupport.Emails.next(), "password-123"))
                .status()).isEqualTo(200);
        Browser onBetterAuth = betterAuthBrowser();
        var signedUp = onBetterAuth.post("/api/auth/sign-up/email", signUp("Grace", AuthTestSupport.Emails.next(), "password-456"));
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        URI trellisJwks = URI.create(TRELLIS_URL + "/api/auth/jwks");
        URI betterAuthJwks = URI.create(betterAuth().baseUrl() + "/api/auth/jwks");

        for (boolean betterAuthFirst : new boolean[]{true, false}) {
            jdbc.sql("delete from jwks").update();
            String fromBetterAuth;
            String fromTrellis;
            if (betterAuthFirst) {
                fromBetterAuth = token(onBetterAuth);
                fromTrellis = token(onTrellis);
            } else {
                fromTrellis = token(onTrellis);
                fromBetterAuth = token(onBetterAuth);
            }

            assertThat(jdbc.sql("select count(*) from jwks").query(Long.class).single())
                    .as("the second server used the first one's key").isEqualTo(1L);
            assertThat(JwtTest.header(fromTrellis).get("kid")).isEqualTo(JwtTest.header(fromBetterAuth).get("kid"));
            assertThat(JwtTest.verify(fromTrellis, betterAuthJwks, TRELLIS_URL).getSubject())
                    .isEqualTo(JwtTest.verify(fromTrellis, trellisJwks, TRELLIS_URL).getSubject());
            assertThat(JwtTest.verify(fromBetterAuth, trellisJwks, betterAuth().baseUrl()).getSubject())
                    .isEqualTo(signedUp.json().get("user").get("id").asString());
        }
        assertThat(onBetterAuth.get("/api/auth/jwks").body()).isEqualTo(onTrellis.get("/api/auth/jwks").body());
    }

    /**
     * The twoFactor plugin on both servers, one two_factor table: a TOTP and backup codes enrolled on
     * either server finish a sign-in on the other, as each opens the secret the other sealed.
     */
    @Test
    void a_totp_enrolled_on_either_server_verifies_on_the_other() throws Exception {
        for (boolean enrolOnTrellis : new boolean[]{true, false}) {
            String email = AuthTestSupport.Emails.next();
            Browser enrolling = enrolOnTrellis ? trellis() : betterAuthBrowser();
            String context = (enrolOnTrellis ? "enrolled on Trellis" : "enrolled on Better Auth") + ", " + email;
            assertThat(enrolling.post("/api/auth/sign-up/email", signUp("Ada", email, "password-123")).status()).isEqualTo(200);
            var enable = enrolling.post("/api/auth/two-factor/enable", "{\"password\":\"password-123\"}");
            assertThat(enable.status()).as(context + enable.body()).isEqualTo(200);
            String secret = "base32:" + TwoFactorTest.query(enable.json().get("totpURI").asString()).get("secret");
            var confirm = enrolling.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + totpNow(secret) + "\"}");
            assertThat(confirm.status()).as(context + confirm.body()).isEqualTo(200);
            assertThat(jdbc.sql("select two_factor_enabled from \"user\" where email = ?").param(email).query(Boolean.class)
                    .single()).as(context).isTrue();

            Browser other = enrolOnTrellis ? betterAuthBrowser() : trellis();
            var signIn = other.post("/api/auth/sign-in/email", signIn(email, "password-123"));
            assertThat(signIn.json().get("twoFactorRedirect").asBoolean()).as(context + signIn.body()).isTrue();
            assertThat(other.cookies()).as(context).containsKey("better-auth.two_factor").doesNotContainKey(COOKIE);
            var wrong = other.post("/api/auth/two-factor/verify-totp",
                    "{\"code\":\"" + TwoFactorTest.wrong(totpNow(secret)) + "\"}");
            assertThat(wrong.status()).as(context + wrong.body()).isEqualTo(401);
            assertThat(wrong.json().get("code").asString()).isEqualTo("INVALID_CODE");
            var verify = other.post("/api/auth/two-factor/verify-totp", "{\"code\":\"" + totpNow(secret) + "\"}");
            assertThat(verify.status()).as(context + verify.body()).isEqualTo(200);
            assertThat(other.get("/api/auth/get-session").json().get("user").get("email").asString()).isEqualTo(email);

            String backupCode = enable.json().get("backupCodes").get(0).asString();
            Browser withBackupCode = enrolOnTrellis ? betterAuthBrowser() : trellis();
            withBackupCode.post("/api/auth/sign-in/email", signIn(email, "password-123"));
            var backup = withBackupCode.post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"" + backupCode + "\"}");
            assertThat(backup.status()).as(context + backup.body()).isEqualTo(200);
            Browser reuse = enrolOnTrellis ? trellis() : betterAuthBrowser();
            reuse.post("/api/auth/sign-in/email", signIn(email, "password-123"));
            var reused = reuse.post("/api/auth/two-factor/verify-backup-code", "{\"code\":\"" + backupCode + "\"}");
            assertThat(reused.status()).as(context + " the code was used on the other server " + reused.body()).isEqualTo(401);
            assertThat(reused.json().get("code").asString()).isEqualTo("INVALID_BACKUP_CODE");
        }
    }

    private static String totpNow(String secret) {
        return new Rfc6238TotpCodes().code(secret, Instant.now());
    }

    private static String token(Browser browser) throws Exception {
        var response = browser.get("/api/auth/token");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("token").asString();
    }

    /**
     * The passkey plugin on both servers, one passkey table (relying party {@code localhost} on both):
     * a passkey registered on either server signs in on the other, and the counter each stores is
     * the one the other checks next.
     */
    @Test
    void a_passkey_registered_on_either_server_signs_in_on_the_other() throws Exception {
        String adaEmail = AuthTestSupport.Emails.next();
        Browser onTrellis = trellis();
        assertThat(onTrellis.post("/api/auth/sign-up/email", signUp("Ada", adaEmail, "password-123")).status()).isEqualTo(200);
        SoftwareAuthenticator adasKey = new SoftwareAuthenticator(TRELLIS_URL, "localhost");
        registerPasskey(onTrellis, adasKey);
        adasKey.origin = betterAuth().baseUrl();
        assertThat(signInWithPasskey(betterAuthBrowser(), adasKey).get("user").get("email").asString()).isEqualTo(adaEmail);

        String graceEmail = AuthTestSupport.Emails.next();
        Browser onBetterAuth = betterAuthBrowser();
        var signedUp = onBetterAuth.post("/api/auth/sign-up/email", signUp("Grace", graceEmail, "password-456"));
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        SoftwareAuthenticator gracesKey = new SoftwareAuthenticator(betterAuth().baseUrl(), "localhost");
        registerPasskey(onBetterAuth, gracesKey);
        gracesKey.origin = TRELLIS_URL;
        assertThat(signInWithPasskey(trellis(), gracesKey).get("user").get("email").asString()).isEqualTo(graceEmail);
        gracesKey.origin = betterAuth().baseUrl();
        assertThat(signInWithPasskey(betterAuthBrowser(), gracesKey).get("user").get("email").asString()).isEqualTo(graceEmail);
        assertThat(jdbc.sql("select counter from passkey where credential_id = ?").param(gracesKey.credentialIdBase64Url())
                .query(Long.class).single()).isEqualTo(2L);
    }

    private static void registerPasskey(Browser browser, SoftwareAuthenticator authenticator) throws Exception {
        var options = browser.get("/api/auth/passkey/generate-register-options");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        var verified = browser.post("/api/auth/passkey/verify-registration",
                "{\"response\":" + authenticator.create(options.json().get("challenge").asString()) + "}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    }

    private static JsonNode signInWithPasskey(Browser browser, SoftwareAuthenticator authenticator) throws Exception {
        var options = browser.get("/api/auth/passkey/generate-authenticate-options");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        var signedIn = browser.post("/api/auth/passkey/verify-authentication",
                "{\"response\":" + authenticator.get(options.json().get("challenge").asString()) + "}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        return signedIn.json();
    }

    @Test
    void a_user_created_by_better_auth_gets_trellis_profile_and_settings_rows() throws Exception {
        String email = AuthTestSupport.Emails.next();
        var signedUp = betterAuthBrowser().post("/api/auth/sign-up/email", signUp("Linus", email, "password-789"));
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        String userId = signedUp.json().get("user").get("id").asString();

        assertThat(jdbc.sql("select timezone from user_profile where user_id = ?").param(userId).query(String.class).list())
                .containsExactly("UTC");
        assertThat(jdbc.sql("select theme::text || ' ' || language || ' ' || notifications_enabled from user_settings where user_id = ?")
                .param(userId).query(String.class).list()).containsExactly("system en true");
        assertThat(jdbc.sql("select email_verified from \"user\" where id = ?").param(userId).query(Boolean.class).single()).isFalse();
    }

    private static void assertSameSession(JsonNode actual, JsonNode expected) {
        assertThat(actual.get("session").get("token").asString()).isEqualTo(expected.get("session").get("token").asString());
        assertThat(actual.get("session").get("id").asString()).isEqualTo(expected.get("session").get("id").asString());
        assertThat(actual.get("user").get("id").asString()).isEqualTo(expected.get("user").get("id").asString());
        assertThat(actual.get("user").get("email").asString()).isEqualTo(expected.get("user").get("email").asString());
        assertThat(Instant.parse(actual.get("user").get("createdAt").asString()))
                .isEqualTo(Instant.parse(expected.get("user").get("createdAt").asString()));
        assertThat(Instant.parse(actual.get("session").get("expiresAt").asString()))
                .isEqualTo(Instant.parse(expected.get("session").get("expiresAt").asString()));
    }

    private static String cookieOf(Browser.Response response) {
        return response.setCookies().stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst()
                .map(c -> c.substring(COOKIE.length() + 1, c.indexOf(';'))).orElseThrow();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String signUp(String name, String email, String password) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String signIn(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
