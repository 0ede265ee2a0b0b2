package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.cookie.OAuthStateCookie;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trellis.application.auth.account.ManageAccounts;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.social.SocialCallback;
import dev.trellis.application.auth.social.SocialSignIn;
import dev.trellis.domain.auth.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.client;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.require;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.signedIn;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.validation;

/**
 * Better Auth's social sign-in and account endpoints under {@code /api/auth}:
 * {@code /sign-in/social}, {@code /callback/:providerId} (GET, and POST for {@code form_post}),
 * {@code /link-social}, {@code /list-accounts}, {@code /unlink-account}, and the {@code /error}
 * page failed callbacks land on by default.
 */
@RestController
@RequestMapping("/api/auth")
public class SocialAuthController {

    record SocialSignInBody(String provider, String callbackURL, String newUserCallbackURL, String errorCallbackURL,
                            Boolean disableRedirect, IdTokenBody idToken, List<String> scopes, Boolean requestSignUp,
                            String loginHint) {
    }

    record IdTokenBody(String token, String nonce, String accessToken, String refreshToken, Long expiresAt) {
    }

    record LinkSocialBody(String provider, String callbackURL, String errorCallbackURL, Boolean disableRedirect,
                          IdTokenBody idToken, List<String> scopes, Boolean requestSignUp, String loginHint) {
    }

    record UnlinkAccountBody(String accountId, String providerId) {
    }

    record Redirect(String url, boolean redirect) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IdTokenSignInResult(boolean redirect, String token, String url, AuthJson.UserJson user) {
    }

    record AccountJson(String id, String accountId, String providerId, String userId, List<String> scopes,
                       String createdAt, String updatedAt) {
    }

    /** The callback parameters Better Auth reads (its {@code form_post} handler keeps these, query over body). */
    private static final List<String> CALLBACK_PARAMETERS =
            List.of("code", "error", "device_id", "error_description", "state", "user", "iss");

    private final SocialSignIn socialSignIn;
    private final SocialCallback socialCallback;
    private final ManageAccounts manageAccounts;
    private final AuthCookies cookies;
    private final OAuthStateCookie stateCookie;
    private final AuthConfig config;
    private final AuthJson authJson;

    public SocialAuthController(SocialSignIn socialSignIn, SocialCallback socialCallback, ManageAccounts manageAccounts,
                                AuthCookies cookies, OAuthStateCookie stateCookie, AuthConfig config,
                                AuthJson authJson) {
        this.socialSignIn = socialSignIn;
        this.socialCallback = socialCallback;
        this.manageAccounts = manageAccounts;
        this.cookies = cookies;
        this.stateCookie = stateCookie;
        this.config = config;
        this.authJson = authJson;
    }

    /** {@code {url, redirect: true}} and a {@code Location} header, or with {@code idToken} a session at once. */
    @PostMapping("/sign-in/social")
    ResponseEntity<Object> signInSocial(@RequestBody SocialSignInBody body, HttpServletRequest request,
                                        HttpServletResponse response) {
        require("provider", body.provider());
        checkCallbackUrls(body.callbackURL(), body.errorCallbackURL(), body.newUserCallbackURL());
        if (body.idToken() != null) {
            require("idToken.token", body.idToken().token());
            SignedIn signedIn = socialSignIn.signInWithIdToken(new SocialSignIn.IdTokenSignIn(body.provider(),
                    body.idToken().token(), body.idToken().nonce(), body.idToken().accessToken(),
                    body.idToken().refreshToken(), client(request)));
            cookies.setSession(response, signedIn.session(), true);
            return ResponseEntity.ok(new IdTokenSignInResult(false, signedIn.session().token().value(), null,
                    authJson.user(signedIn.user())));
        }
        SocialSignIn.Started started = socialSignIn.start(new SocialSignIn.Start(body.provider(),
                callbackOrBase(body.callbackURL()), blankToNull(body.errorCallbackURL()),
                blankToNull(body.newUserCallbackURL()), body.scopes(), body.loginHint(), body.requestSignUp()));
        return redirectJson(started, Boolean.TRUE.equals(body.disableRedirect()), response);
    }

    /** The signed-in user asks to link a provider account: the same redirect, with the user in the state. */
    @PostMapping("/link-social")
    ResponseEntity<Object> linkSocial(@AuthenticationPrincipal SignedIn caller, @RequestBody LinkSocialBody body,
                                      HttpServletResponse response) {
        SignedIn signedIn = signedIn(caller);
        require("provider", body.provider());
        checkCallbackUrls(body.callbackURL(), body.errorCallbackURL(), null);
        if (body.idToken() != null) {
            throw validation("idToken", "linking with an id token is not supported; use the redirect flow");
        }
        SocialSignIn.Started started = socialSignIn.link(signedIn, new SocialSignIn.Start(body.provider(),
                callbackOrBase(body.callbackURL()), blankToNull(body.errorCallbackURL()), null, body.scopes(),
                body.loginHint(), body.requestSignUp()));
        return redirectJson(started, Boolean.TRUE.equals(body.disableRedirect()), response);
    }

    @GetMapping("/callback/{providerId}")
    ResponseEntity<Void> callback(@PathVariable String providerId, @RequestParam(required = false) String code,
                                  @RequestParam(required = false) String state,
                                  @RequestParam(required = false) String error,
                                  @RequestParam(name = "error_description", required = false) String errorDescription,
                                  @RequestParam(required = false) String iss,
                                  HttpServletRequest request, HttpServletResponse response) {
        SocialCallback.Outcome outcome = socialCallback.handle(new SocialCallback.Callback(providerId, code, state, error,
                errorDescription, iss, stateCookie.verified(request), defaultErrorUrl(), client(request)));
        String location;
        if (outcome instanceof SocialCallback.Outcome.SignedInTo signedIn) {
            cookies.setSession(response, signedIn.signedIn().session(), true);
            stateCookie.expire(response);
            location = signedIn.redirectTo();
        } else if (outcome instanceof SocialCallback.Outcome.Linked linked) {
            stateCookie.expire(response);
            location = linked.redirectTo();
        } else {
            SocialCallback.Outcome.Failed failed = (SocialCallback.Outcome.Failed) outcome;
            if (!failed.error().startsWith("state_") && !failed.error().equals("internal_server_error")) {
                stateCookie.expire(response); // the state was consumed: the cookie has served its purpose
            }
            location = withError(failed.errorURL(), failed.error(), failed.description());
        }
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location).build();
    }

    /**
     * {@code response_mode=form_post}: the provider POSTs the parameters cross-site, where a SameSite=Lax
     * state cookie is not sent; as Better Auth, answer with a redirect to the GET callback.
     */
    @PostMapping(value = "/callback/{providerId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> formPostCallback(@PathVariable String providerId, HttpServletRequest request) {
        StringJoiner query = new StringJoiner("&");
        for (String name : CALLBACK_PARAMETERS) {
            String value = request.getParameter(name); // the query string's value comes first, as Better Auth merges
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        String location = config.baseUrl() + "/api/auth/callback/" + URLEncoder.encode(providerId, StandardCharsets.UTF_8)
                + "?" + query;
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location).build();
    }

    @GetMapping("/list-accounts")
    List<AccountJson> listAccounts(@AuthenticationPrincipal SignedIn caller) {
        return manageAccounts.list(signedIn(caller)).stream().map(SocialAuthController::account).toList();
    }

    @PostMapping("/unlink-account")
    AuthJson.Status unlinkAccount(@AuthenticationPrincipal SignedIn caller, @RequestBody UnlinkAccountBody body) {
        SignedIn signedIn = signedIn(caller);
        if (body.providerId() == null) {
            require("accountId", body.accountId());
        }
        manageAccounts.unlink(signedIn, body.accountId(), body.providerId());
        return new AuthJson.Status(true);
    }

    /** Better Auth's default error page: where failed callbacks go when the flow named no error URL. */
    @GetMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> errorPage(@RequestParam(required = false) String error,
                                     @RequestParam(name = "error_description", required = false) String description) {
        String code = HtmlUtils.htmlEscape(error == null ? "UNKNOWN" : error);
        String detail = description == null ? "" : "<p>" + HtmlUtils.htmlEscape(description) + "</p>";
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Error</title></head>"
                        + "<body><h1>Error</h1><p>Something went wrong while signing you in.</p><p><code>" + code
                        + "</code></p>" + detail + "<p><a href=\"/\">Go home</a></p></body></html>");
    }

    private ResponseEntity<Object> redirectJson(SocialSignIn.Started started, boolean disableRedirect,
                                                HttpServletResponse response) {
        stateCookie.set(response, started.state());
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (!disableRedirect) {
            ok.header(HttpHeaders.LOCATION, started.url());
        }
        return ok.body(new Redirect(started.url(), !disableRedirect));
    }

    /** Better Auth checks every URL the browser may be sent to: relative, or on a trusted origin. */
    private void checkCallbackUrls(String callbackURL, String errorCallbackURL, String newUserCallbackURL) {
        CallbackUrls.requireTrusted(config, "callbackURL", callbackURL);
        CallbackUrls.requireTrusted(config, "errorCallbackURL", errorCallbackURL);
        CallbackUrls.requireTrusted(config, "newUserCallbackURL", newUserCallbackURL);
    }

    /** Better Auth's default callback URL is the origin of its base URL. */
    private String callbackOrBase(String callbackURL) {
        return callbackURL == null || callbackURL.isEmpty() ? AuthConfig.origin(config.baseUrl()) : callbackURL;
    }

    private String defaultErrorUrl() {
        return config.baseUrl() + "/api/auth/error";
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Better Auth's {@code appendQueryParams}: {@code error} (and {@code error_description}) added to the URL's query. */
    static String withError(String url, String error, String description) {
        String withCode = CallbackUrls.withParam(url, "error", error);
        return description == null ? withCode : CallbackUrls.withParam(withCode, "error_description", description);
    }

    private static AccountJson account(Account account) {
        List<String> scopes = account.scope() == null || account.scope().isEmpty() ? List.of()
                : Arrays.stream(account.scope().split(",")).map(String::strip).filter(scope -> !scope.isEmpty()).toList();
        return new AccountJson(account.id().value(), account.accountId(), account.providerId(), account.userId().value(),
                scopes, AuthJson.date(account.createdAt()), AuthJson.date(account.updatedAt()));
    }
}
