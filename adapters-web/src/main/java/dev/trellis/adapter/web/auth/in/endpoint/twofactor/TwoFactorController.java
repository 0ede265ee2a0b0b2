package dev.trellis.adapter.web.auth.in.endpoint.twofactor;

import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.cookie.TwoFactorCookies;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Status;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.UserJson;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.twofactor.EnrollTwoFactor;
import dev.trellis.application.auth.twofactor.SecondFactor;
import dev.trellis.application.auth.twofactor.SecondFactor.Passed;
import dev.trellis.application.auth.twofactor.SecondFactor.Proof;
import dev.trellis.application.auth.twofactor.TwoFactorFailures;
import dev.trellis.application.auth.twofactor.TwoFactorSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.function.Supplier;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.client;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.require;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.signedIn;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.validation;

/**
 * Better Auth's {@code twoFactor} plugin under {@code /api/auth/two-factor}: enrolment
 * ({@code enable}, {@code verify-totp} to confirm it, {@code disable}, {@code get-totp-uri},
 * {@code generate-backup-codes}) for a signed-in caller, and the second factor of a pending sign-in
 * ({@code verify-totp}, {@code verify-backup-code}, {@code send-otp}, {@code verify-otp}) proved with
 * the two-factor cookie {@link TwoFactorSignIn} set. On unless {@code trellis.auth.two-factor.enabled=false}.
 */
@RestController
@RequestMapping("/api/auth/two-factor")
@ConditionalOnBooleanProperty(name = "trellis.auth.two-factor.enabled", matchIfMissing = true)
public class TwoFactorController {

    record EnableBody(String password, String issuer, String method) {
    }

    record PasswordBody(String password) {
    }

    record VerifyBody(String code, Boolean trustDevice, Boolean disableSession) {
    }

    record SendOtpBody(Boolean trustDevice) {
    }

    record TotpEnabled(String method, String totpURI, List<String> backupCodes) {
    }

    record TokenAndUser(String token, UserJson user) {
    }

    record MethodOnly(String method) {
    }

    record TotpUri(String totpURI) {
    }

    record BackupCodes(boolean status, List<String> backupCodes) {
    }

    private final EnrollTwoFactor enroll;
    private final SecondFactor secondFactor;
    private final AuthCookies cookies;
    private final TwoFactorCookies twoFactorCookies;
    private final TwoFactorSettings settings;
    private final AuthJson authJson;

    public TwoFactorController(EnrollTwoFactor enroll, SecondFactor secondFactor, AuthCookies cookies,
                               TwoFactorCookies twoFactorCookies, TwoFactorSettings settings, AuthJson authJson) {
        this.enroll = enroll;
        this.secondFactor = secondFactor;
        this.cookies = cookies;
        this.twoFactorCookies = twoFactorCookies;
        this.settings = settings;
        this.authJson = authJson;
    }

    @PostMapping("/enable")
    Object enable(@AuthenticationPrincipal SignedIn caller, @RequestBody EnableBody body, HttpServletRequest request,
                  HttpServletResponse response) {
        SignedIn signedIn = signedIn(caller);
        require("password", body.password());
        String method = body.method() == null ? "totp" : body.method();
        if (method.equals("otp")) {
            SignedIn renewed = enroll.enableOtp(signedIn, body.password(), client(request));
            cookies.setSession(response, renewed.session(), renewed.rememberMe());
            return new MethodOnly("otp");
        }
        if (!method.equals("totp")) {
            throw validation("method", "Invalid option: expected one of \"otp\"|\"totp\"");
        }
        EnrollTwoFactor.Enabled enabled = enroll.enable(signedIn, body.password(), body.issuer());
        return new TotpEnabled("totp", enabled.totpURI(), enabled.backupCodes());
    }

    @PostMapping("/disable")
    Status disable(@AuthenticationPrincipal SignedIn caller, @RequestBody PasswordBody body, HttpServletRequest request,
                   HttpServletResponse response) {
        SignedIn signedIn = signedIn(caller);
        require("password", body.password());
        var trust = twoFactorCookies.anyTrustIdentifier(request);
        SignedIn renewed = enroll.disable(signedIn, body.password(), trust, client(request));
        cookies.setSession(response, renewed.session(), renewed.rememberMe());
        if (trust.isPresent()) {
            twoFactorCookies.expireTrust(response);
        }
        return new Status(true);
    }

    @PostMapping("/get-totp-uri")
    TotpUri totpUri(@AuthenticationPrincipal SignedIn caller, @RequestBody PasswordBody body) {
        SignedIn signedIn = signedIn(caller);
        require("password", body.password());
        return new TotpUri(enroll.totpUri(signedIn, body.password()));
    }

    @PostMapping("/generate-backup-codes")
    BackupCodes generateBackupCodes(@AuthenticationPrincipal SignedIn caller, @RequestBody PasswordBody body) {
        SignedIn signedIn = signedIn(caller);
        require("password", body.password());
        return new BackupCodes(true, enroll.generateBackupCodes(signedIn, body.password()));
    }

    @PostMapping("/verify-totp")
    TokenAndUser verifyTotp(@AuthenticationPrincipal SignedIn caller, @RequestBody VerifyBody body,
                            HttpServletRequest request, HttpServletResponse response) {
        require("code", body.code());
        Proof proof = proof(caller, request);
        return answer(response, () -> secondFactor.verifyTotp(proof, body.code(), isTrue(body.trustDevice()), client(request)));
    }

    @PostMapping("/verify-backup-code")
    TokenAndUser verifyBackupCode(@AuthenticationPrincipal SignedIn caller, @RequestBody VerifyBody body,
                                  HttpServletRequest request, HttpServletResponse response) {
        require("code", body.code());
        Proof proof = proof(caller, request);
        return answer(response, () -> secondFactor.verifyBackupCode(proof, body.code(), isTrue(body.trustDevice()),
                isTrue(body.disableSession()), client(request)));
    }

    @PostMapping("/send-otp")
    Status sendOtp(@AuthenticationPrincipal SignedIn caller, @RequestBody(required = false) SendOtpBody body,
                   HttpServletRequest request) {
        secondFactor.sendOtp(proof(caller, request));
        return new Status(true);
    }

    @PostMapping("/verify-otp")
    TokenAndUser verifyOtp(@AuthenticationPrincipal SignedIn caller, @RequestBody VerifyBody body,
                           HttpServletRequest request, HttpServletResponse response) {
        require("code", body.code());
        Proof proof = proof(caller, request);
        return answer(response, () -> secondFactor.verifyOtp(proof, body.code(), isTrue(body.trustDevice()), client(request)));
    }

    private Proof proof(SignedIn caller, HttpServletRequest request) {
        return Proof.of(caller, twoFactorCookies.challenge(request), cookies.dontRemember(request));
    }

    private TokenAndUser answer(HttpServletResponse response, Supplier<Passed> verification) {
        Passed passed;
        try {
            passed = verification.get();
        } catch (AuthFailure failure) {
            if (TwoFactorFailures.INVALID_TWO_FACTOR_COOKIE.equals(failure.code())
                    || TwoFactorFailures.TOO_MANY_ATTEMPTS.equals(failure.code())) {
                twoFactorCookies.expireChallenge(response);
            }
            throw failure;
        }
        if (passed.newSession() != null) {
            cookies.setSession(response, passed.newSession().session(), passed.newSession().rememberMe());
        }
        if (passed.challengeSettled()) {
            twoFactorCookies.expireChallenge(response);
        }
        if (passed.trustIdentifier() != null) {
            twoFactorCookies.setTrust(response, passed.user().id().value(), passed.trustIdentifier(),
                    settings.trustDeviceLifetime());
            twoFactorCookies.expireDontRemember(response);
        }
        return new TokenAndUser(passed.token(), authJson.user(passed.user()));
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
