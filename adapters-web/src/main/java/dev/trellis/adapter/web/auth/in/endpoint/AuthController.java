package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.plugin.SecondFactorStep;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.SessionJson;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.SessionWithUser;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.SignInResult;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Status;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Success;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.SuccessMessage;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.TokenAndUser;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.password.ChangePassword;
import dev.trellis.application.auth.account.DeleteUser;
import dev.trellis.application.auth.session.ManageSessions;
import dev.trellis.application.auth.password.SignInWithEmail;
import dev.trellis.application.auth.session.SignOut;
import dev.trellis.application.auth.password.SignUpWithEmail;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.account.UpdateUser;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.NullNode;

import java.util.List;
import java.util.Optional;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.client;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.require;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.signedIn;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.validation;

/**
 * Better Auth's email-and-password and session endpoints under {@code /api/auth}, with its paths,
 * bodies, JSON shapes and error codes, so that Better Auth's own client works against Trellis.
 */
@RestController
@RequestMapping("/api/auth")
public class AuthController {

    record SignUpBody(String name, String email, String password, String image, String callbackURL, Boolean rememberMe) {
    }

    record SignInBody(String email, String password, String callbackURL, Boolean rememberMe) {
    }

    record RevokeSessionBody(String token) {
    }

    record ChangePasswordBody(String newPassword, String currentPassword, Boolean revokeOtherSessions) {
    }

    record DeleteUserBody(String password, String callbackURL) {
    }

    private final SignUpWithEmail signUp;
    private final SignInWithEmail signIn;
    private final SignOut signOut;
    private final ManageSessions manageSessions;
    private final UpdateUser updateUser;
    private final ChangePassword changePassword;
    private final DeleteUser deleteUser;
    private final AuthCookies cookies;
    private final AuthConfig config;
    private final Optional<SecondFactorStep> twoFactor;
    private final AuthJson authJson;

    public AuthController(SignUpWithEmail signUp, SignInWithEmail signIn, SignOut signOut, ManageSessions manageSessions,
                          UpdateUser updateUser, ChangePassword changePassword, DeleteUser deleteUser,
                          AuthCookies cookies, AuthConfig config, Optional<SecondFactorStep> twoFactor,
                          AuthJson authJson) {
        this.signUp = signUp;
        this.signIn = signIn;
        this.signOut = signOut;
        this.manageSessions = manageSessions;
        this.updateUser = updateUser;
        this.changePassword = changePassword;
        this.deleteUser = deleteUser;
        this.cookies = cookies;
        this.config = config;
        this.twoFactor = twoFactor;
        this.authJson = authJson;
    }

    @PostMapping("/sign-up/email")
    TokenAndUser signUpWithEmail(@RequestBody SignUpBody body, HttpServletRequest request, HttpServletResponse response) {
        require("name", body.name());
        require("email", body.email());
        require("password", body.password());
        CallbackUrls.requireTrusted(config, "callbackURL", body.callbackURL());
        boolean rememberMe = body.rememberMe() == null || body.rememberMe();
        SignedIn signedIn = signUp.handle(new SignUpWithEmail.Command(body.name(), body.email(), body.password(),
                body.image(), rememberMe, client(request), body.callbackURL()));
        if (signedIn.session() == null) { // email verification required: no session until the link is opened
            return new TokenAndUser(null, authJson.user(signedIn.user()));
        }
        cookies.setSession(response, signedIn.session(), rememberMe);
        return new TokenAndUser(signedIn.session().token().value(), authJson.user(signedIn.user()));
    }

    @PostMapping("/sign-in/email")
    Object signInWithEmail(@RequestBody SignInBody body, HttpServletRequest request, HttpServletResponse response) {
        require("email", body.email());
        require("password", body.password());
        CallbackUrls.requireTrusted(config, "callbackURL", body.callbackURL());
        boolean rememberMe = body.rememberMe() == null || body.rememberMe();
        SignedIn signedIn = signIn.handle(new SignInWithEmail.Command(body.email(), body.password(), rememberMe, client(request),
                body.callbackURL()));
        Optional<Object> secondFactorDue = twoFactor.flatMap(gate -> gate.challenge(signedIn, request, response));
        if (secondFactorDue.isPresent()) {
            return secondFactorDue.get();
        }
        cookies.setSession(response, signedIn.session(), rememberMe);
        return new SignInResult(body.callbackURL() != null, signedIn.session().token().value(), body.callbackURL(),
                authJson.user(signedIn.user()));
    }

    @PostMapping("/sign-out")
    Success signOut(@AuthenticationPrincipal SignedIn caller, HttpServletResponse response) {
        if (caller != null) {
            signOut.handle(caller.session().token());
        }
        cookies.expire(response);
        return new Success(true);
    }

    /** {@code null} (200) when there is no session; never cached. */
    @GetMapping("/get-session")
    ResponseEntity<Object> getSession(@AuthenticationPrincipal SignedIn caller) {
        Object body = caller == null ? NullNode.getInstance() // the JSON literal null, as Better Auth answers
                : new SessionWithUser(AuthJson.session(caller.session()), authJson.user(caller.user()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_TYPE, "application/json").body(body);
    }

    @GetMapping("/list-sessions")
    List<SessionJson> listSessions(@AuthenticationPrincipal SignedIn caller) {
        return manageSessions.list(signedIn(caller)).stream().map(AuthJson::session).toList();
    }

    @PostMapping("/revoke-session")
    Status revokeSession(@AuthenticationPrincipal SignedIn caller, @RequestBody RevokeSessionBody body) {
        SignedIn signedIn = signedIn(caller);
        require("token", body.token());
        SessionToken token;
        try {
            token = new SessionToken(body.token());
        } catch (InvalidInput e) {
            throw AuthFailure.sessionNotFound();
        }
        manageSessions.revoke(signedIn, token);
        return new Status(true);
    }

    @PostMapping("/revoke-sessions")
    Status revokeSessions(@AuthenticationPrincipal SignedIn caller, HttpServletResponse response) {
        manageSessions.revokeAll(signedIn(caller));
        cookies.expire(response);
        return new Status(true);
    }

    @PostMapping("/revoke-other-sessions")
    Status revokeOtherSessions(@AuthenticationPrincipal SignedIn caller) {
        manageSessions.revokeOthers(signedIn(caller));
        return new Status(true);
    }

    @PostMapping("/update-user")
    Status updateUser(@AuthenticationPrincipal SignedIn caller, @RequestBody java.util.Map<String, Object> body) {
        SignedIn signedIn = signedIn(caller);
        if (body.containsKey("email")) {
            throw new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "EMAIL_CAN_NOT_BE_UPDATED", "Email can not be updated");
        }
        Optional<String> name = body.containsKey("name") ? Optional.of(text("name", body.get("name"), false)) : Optional.empty();
        Optional<Optional<String>> image = body.containsKey("image")
                ? Optional.of(Optional.ofNullable(text("image", body.get("image"), true))) : Optional.empty();
        updateUser.handle(signedIn, new UpdateUser.Command(name, image));
        return new Status(true);
    }

    @PostMapping("/change-password")
    TokenAndUser changePassword(@AuthenticationPrincipal SignedIn caller, @RequestBody ChangePasswordBody body,
                                HttpServletRequest request, HttpServletResponse response) {
        SignedIn signedIn = signedIn(caller);
        require("newPassword", body.newPassword());
        require("currentPassword", body.currentPassword());
        boolean revokeOthers = Boolean.TRUE.equals(body.revokeOtherSessions());
        var newSession = changePassword.handle(signedIn, new ChangePassword.Command(body.currentPassword(),
                body.newPassword(), revokeOthers, client(request)));
        newSession.ifPresent(session -> cookies.setSession(response, session, signedIn.rememberMe()));
        User user = signedIn.user();
        return new TokenAndUser(newSession.map(session -> session.token().value()).orElse(null), authJson.user(user));
    }

    @PostMapping("/delete-user")
    SuccessMessage deleteUser(@AuthenticationPrincipal SignedIn caller, @RequestBody(required = false) DeleteUserBody body,
                              HttpServletResponse response) {
        SignedIn signedIn = signedIn(caller);
        CallbackUrls.requireTrusted(config, "callbackURL", body == null ? null : body.callbackURL());
        deleteUser.handle(signedIn, body == null ? null : body.password());
        cookies.expire(response);
        return new SuccessMessage(true, "User deleted");
    }

    private static String text(String field, Object value, boolean nullable) {
        if (value == null && nullable) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw validation(field, "must be a string");
        }
        return text;
    }
}
