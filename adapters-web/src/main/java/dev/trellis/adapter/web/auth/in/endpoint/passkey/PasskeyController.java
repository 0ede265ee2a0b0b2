package dev.trellis.adapter.web.auth.in.endpoint.passkey;

import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.cookie.PasskeyChallengeCookie;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.SessionWithUser;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Status;
import dev.trellis.adapter.web.auth.in.endpoint.AuthRequests;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.passkey.ManagePasskeys;
import dev.trellis.application.auth.passkey.Passkey;
import dev.trellis.application.auth.passkey.RegisterPasskey;
import dev.trellis.application.auth.passkey.SignInWithPasskey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.client;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.signedIn;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.validation;

/**
 * Better Auth's {@code passkey} plugin under {@code /api/auth/passkey}: registration options and
 * verification (signed in, fresh session), authentication options and verification (signs in and
 * sets the session cookie as email sign-in does), and listing, renaming and deleting the caller's
 * passkeys. Options are SimpleWebAuthn's JSON; the challenge travels in the signed
 * {@code better-auth.better-auth-passkey} cookie (its name after {@code better-auth.} configurable). On unless {@code trellis.auth.passkey.enabled=false}.
 */
@RestController
@RequestMapping("/api/auth/passkey")
@ConditionalOnBooleanProperty(name = "trellis.auth.passkey.enabled", matchIfMissing = true)
public class PasskeyController {

    private static final int TIMEOUT_MILLIS = 60_000;
    private static final int[] ALGORITHMS = {-8, -7, -257};

    record PasskeyJson(String id, String name, String publicKey, String userId, String credentialID, long counter,
                       String deviceType, boolean backedUp, String transports, String createdAt, String aaguid) {
    }

    record UpdatedPasskey(PasskeyJson passkey) {
    }

    record PasskeyWithSession(String id, String name, String publicKey, String userId, String credentialID, long counter,
                              String deviceType, boolean backedUp, String transports, String createdAt, String aaguid,
                              AuthJson.SessionJson session, AuthJson.UserJson user) {
    }

    record UpdateBody(String id, String name) {
    }

    record DeleteBody(String id) {
    }

    private final RegisterPasskey register;
    private final SignInWithPasskey signIn;
    private final ManagePasskeys manage;
    private final PasskeyChallengeCookie challengeCookie;
    private final AuthCookies cookies;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AuthJson authJson;

    public PasskeyController(RegisterPasskey register, SignInWithPasskey signIn, ManagePasskeys manage,
                             PasskeyChallengeCookie challengeCookie, AuthCookies cookies, AuthJson authJson) {
        this.register = register;
        this.signIn = signIn;
        this.manage = manage;
        this.challengeCookie = challengeCookie;
        this.cookies = cookies;
        this.authJson = authJson;
    }

    @GetMapping("/generate-register-options")
    JsonNode registerOptions(@AuthenticationPrincipal SignedIn caller,
                             @RequestParam(required = false) String authenticatorAttachment,
                             @RequestParam(required = false) String name, HttpServletResponse response) {
        if (authenticatorAttachment != null && !List.of("platform", "cross-platform").contains(authenticatorAttachment)) {
            throw AuthRequests.validation("authenticatorAttachment", "Invalid option");
        }
        RegisterPasskey.Options options = register.options(caller, name, authenticatorAttachment);
        challengeCookie.set(response, options.cookieValue());
        ObjectNode out = json.createObjectNode();
        out.put("challenge", options.challenge());
        out.putObject("rp").put("name", options.rpName()).put("id", options.rpId());
        out.putObject("user").put("id", options.userHandle()).put("name", options.userName())
                .put("displayName", options.displayName());
        ArrayNode params = out.putArray("pubKeyCredParams");
        Arrays.stream(ALGORITHMS).forEach(alg -> params.addObject().put("alg", alg).put("type", "public-key"));
        out.put("timeout", TIMEOUT_MILLIS);
        out.put("attestation", "none");
        credentials(out.putArray("excludeCredentials"), options.exclude());
        ObjectNode selection = out.putObject("authenticatorSelection");
        selection.put("residentKey", options.selection().residentKey())
                .put("userVerification", options.selection().userVerification());
        if (options.selection().authenticatorAttachment() != null) {
            selection.put("authenticatorAttachment", options.selection().authenticatorAttachment());
        }
        selection.put("requireResidentKey", options.selection().requireResidentKey());
        out.putObject("extensions").put("credProps", true);
        out.putArray("hints");
        return out;
    }

    @PostMapping("/verify-registration")
    Object verifyRegistration(@AuthenticationPrincipal SignedIn caller, @RequestBody Map<String, Object> body,
                              HttpServletRequest request, HttpServletResponse response) {
        if (!body.containsKey("response")) {
            throw validation("response", "Invalid input: expected any, received undefined");
        }
        JsonNode credential = json.valueToTree(body.get("response"));
        Object name = body.get("name");
        Object createSession = body.get("createSession");
        if (name != null && !(name instanceof String)) {
            throw validation("name", "Invalid input: expected string");
        }
        if (createSession != null && !(createSession instanceof Boolean)) {
            throw validation("createSession", "Invalid input: expected boolean");
        }
        RegisterPasskey.Registered registered = register.verify(caller, new RegisterPasskey.Command(
                challengeCookie.verified(request), json.writeValueAsString(credential), transports(credential),
                (String) name, Boolean.TRUE.equals(createSession), request.getHeader(HttpHeaders.ORIGIN), client(request)));
        Passkey p = registered.passkey();
        if (registered.signedIn() == null) {
            return passkey(p);
        }
        cookies.setSession(response, registered.signedIn().session(), true);
        return new PasskeyWithSession(p.id(), p.name(), p.publicKey(), p.userId(), p.credentialId(), p.counter(),
                p.deviceType(), p.backedUp(), p.transports(), AuthJson.date(p.createdAt()), p.aaguid(),
                AuthJson.session(registered.signedIn().session()), authJson.user(registered.signedIn().user()));
    }

    @GetMapping("/generate-authenticate-options")
    JsonNode authenticateOptions(@AuthenticationPrincipal SignedIn caller, HttpServletResponse response) {
        SignInWithPasskey.Options options = signIn.options(caller);
        challengeCookie.set(response, options.cookieValue());
        ObjectNode out = json.createObjectNode();
        out.put("rpId", options.rpId());
        out.put("challenge", options.challenge());
        if (!options.allow().isEmpty()) {
            credentials(out.putArray("allowCredentials"), options.allow());
        }
        out.put("timeout", TIMEOUT_MILLIS);
        out.put("userVerification", "preferred");
        return out;
    }

    @PostMapping("/verify-authentication")
    SessionWithUser verifyAuthentication(@RequestBody Map<String, Object> body, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (!(body.get("response") instanceof Map<?, ?>)) {
            throw validation("response", "Invalid input: expected record");
        }
        JsonNode credential = json.valueToTree(body.get("response"));
        String credentialId = credential.path("id").isString() ? credential.get("id").asString() : null;
        SignedIn signedIn = signIn.verify(new SignInWithPasskey.Command(challengeCookie.verified(request), credentialId,
                json.writeValueAsString(credential), request.getHeader(HttpHeaders.ORIGIN), client(request)));
        cookies.setSession(response, signedIn.session(), true);
        return new SessionWithUser(AuthJson.session(signedIn.session()), authJson.user(signedIn.user()));
    }

    @GetMapping("/list-user-passkeys")
    List<PasskeyJson> list(@AuthenticationPrincipal SignedIn caller) {
        return manage.list(signedIn(caller)).stream().map(PasskeyController::passkey).toList();
    }

    @PostMapping("/update-passkey")
    UpdatedPasskey update(@AuthenticationPrincipal SignedIn caller, @RequestBody UpdateBody body) {
        SignedIn who = signedIn(caller);
        AuthRequests.require("id", body.id());
        AuthRequests.require("name", body.name());
        String name = body.name().strip();
        if (name.isEmpty()) {
            throw validation("name", "Too small: expected string to have >=1 characters");
        }
        return new UpdatedPasskey(passkey(manage.rename(who, body.id(), name)));
    }

    @PostMapping("/delete-passkey")
    Status delete(@AuthenticationPrincipal SignedIn caller, @RequestBody DeleteBody body) {
        SignedIn who = signedIn(caller);
        AuthRequests.require("id", body.id());
        manage.delete(who, body.id());
        return new Status(true);
    }

    private static PasskeyJson passkey(Passkey p) {
        return new PasskeyJson(p.id(), p.name(), p.publicKey(), p.userId(), p.credentialId(), p.counter(), p.deviceType(),
                p.backedUp(), p.transports(), AuthJson.date(p.createdAt()), p.aaguid());
    }

    /** {@code {id, transports?, type}} per stored passkey, as SimpleWebAuthn lists them. */
    private static void credentials(ArrayNode into, List<Passkey> passkeys) {
        for (Passkey p : passkeys) {
            ObjectNode credential = into.addObject();
            credential.put("id", p.credentialId());
            if (p.transports() != null) {
                ArrayNode transports = credential.putArray("transports");
                Arrays.stream(p.transports().split(",", -1)).forEach(transports::add);
            }
            credential.put("type", "public-key");
        }
    }

    /** {@code response.response.transports} joined by commas, as Better Auth stores them; null when absent. */
    private static String transports(JsonNode credential) {
        JsonNode transports = credential.path("response").path("transports");
        if (!transports.isArray()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode t : transports) {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(t.asString());
        }
        return joined.toString();
    }
}
