package dev.trellis.adapter.web.auth.in.endpoint;

import dev.trellis.adapter.web.auth.in.cookie.AuthCookies;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.Success;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.TokenAndUser;
import dev.trellis.adapter.web.auth.in.endpoint.AuthJson.UserJson;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.otp.CheckEmailOtp;
import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.otp.ResetPasswordWithEmailOtp;
import dev.trellis.application.auth.otp.SendEmailOtp;
import dev.trellis.application.auth.otp.SignInWithEmailOtp;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.otp.VerifyEmailWithOtp;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.client;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.require;
import static dev.trellis.adapter.web.auth.in.endpoint.AuthRequests.validation;

/**
 * Better Auth's email-otp plugin under {@code /api/auth}: send a 6-digit code for sign-in, email
 * verification or a password reset; sign in, verify the address or set a new password with it.
 * A wrong code is 400 INVALID_OTP, an expired one 400 OTP_EXPIRED, and after 3 wrong guesses the
 * code is gone: 403 TOO_MANY_ATTEMPTS.
 */
@RestController
@RequestMapping("/api/auth")
public class EmailOtpController {

    record SendOtpBody(String email, String type) {
    }

    record EmailBody(String email) {
    }

    record SignInBody(String email, String otp, String name, String image) {
    }

    record VerifyEmailBody(String email, String otp) {
    }

    record CheckOtpBody(String email, String type, String otp) {
    }

    record ResetPasswordBody(String email, String otp, String password) {
    }

    record StatusTokenUser(boolean status, String token, UserJson user) {
    }

    private final SendEmailOtp sendOtp;
    private final SignInWithEmailOtp signIn;
    private final VerifyEmailWithOtp verifyEmail;
    private final CheckEmailOtp checkOtp;
    private final ResetPasswordWithEmailOtp resetPassword;
    private final AuthCookies cookies;
    private final AuthJson authJson;

    public EmailOtpController(SendEmailOtp sendOtp, SignInWithEmailOtp signIn, VerifyEmailWithOtp verifyEmail,
                              CheckEmailOtp checkOtp, ResetPasswordWithEmailOtp resetPassword, AuthCookies cookies,
                              AuthJson authJson) {
        this.sendOtp = sendOtp;
        this.signIn = signIn;
        this.verifyEmail = verifyEmail;
        this.checkOtp = checkOtp;
        this.resetPassword = resetPassword;
        this.cookies = cookies;
        this.authJson = authJson;
    }

    /** Always {@code {success: true}}: an unknown address is not told apart (it just gets no email, unless signing in). */
    @PostMapping("/email-otp/send-verification-otp")
    Success sendVerificationOtp(@RequestBody SendOtpBody body) {
        require("email", body.email());
        require("type", body.type());
        EmailOtpType type = type(body.type());
        sendOtp.handle(email(body.email()), type);
        return new Success(true);
    }

    @PostMapping("/email-otp/request-password-reset")
    Success requestPasswordReset(@RequestBody EmailBody body) {
        require("email", body.email());
        sendOtp.handle(email(body.email()), EmailOtpType.FORGET_PASSWORD);
        return new Success(true);
    }

    /** Better Auth's deprecated name for {@code /email-otp/request-password-reset}. */
    @PostMapping("/forget-password/email-otp")
    Success forgetPassword(@RequestBody EmailBody body) {
        return requestPasswordReset(body);
    }

    @PostMapping("/sign-in/email-otp")
    TokenAndUser signIn(@RequestBody SignInBody body, HttpServletRequest request, HttpServletResponse response) {
        require("email", body.email());
        require("otp", body.otp());
        EmailAddress email;
        try {
            email = new EmailAddress(body.email());
        } catch (InvalidInput e) {
            throw EmailFlowFailures.invalidOtp(); // no code can exist for it
        }
        SignedIn signedIn = signIn.handle(new SignInWithEmailOtp.Command(email, body.otp(), body.name(), body.image(),
                client(request)));
        cookies.setSession(response, signedIn.session(), true);
        return new TokenAndUser(signedIn.session().token().value(), authJson.user(signedIn.user()));
    }

    /** {@code {status: true, token: null, user}}: Better Auth's {@code autoSignInAfterVerification} is off by default. */
    @PostMapping("/email-otp/verify-email")
    StatusTokenUser verifyEmail(@RequestBody VerifyEmailBody body) {
        require("email", body.email());
        require("otp", body.otp());
        User user = verifyEmail.handle(email(body.email()), body.otp());
        return new StatusTokenUser(true, null, authJson.user(user));
    }

    @PostMapping("/email-otp/check-verification-otp")
    Success checkVerificationOtp(@RequestBody CheckOtpBody body) {
        require("email", body.email());
        require("type", body.type());
        require("otp", body.otp());
        EmailOtpType type = type(body.type());
        checkOtp.handle(email(body.email()), type, body.otp());
        return new Success(true);
    }

    @PostMapping("/email-otp/reset-password")
    Success resetPassword(@RequestBody ResetPasswordBody body) {
        require("email", body.email());
        require("otp", body.otp());
        require("password", body.password());
        resetPassword.handle(email(body.email()), body.otp(), body.password());
        return new Success(true);
    }

    /** Better Auth's email-otp endpoints answer a malformed address with INVALID_EMAIL. */
    private static EmailAddress email(String value) {
        try {
            return new EmailAddress(value);
        } catch (InvalidInput e) {
            throw AuthFailure.invalidEmail();
        }
    }

    /** "change-email" is a type Better Auth knows but sends through another endpoint, which Trellis does not offer. */
    private static EmailOtpType type(String value) {
        if ("change-email".equals(value)) {
            throw new AuthFailure(AuthFailure.Kind.BAD_REQUEST, null, "Invalid OTP type");
        }
        return EmailOtpType.fromWireName(value).orElseThrow(() -> validation("type",
                "Invalid option: expected one of \"email-verification\"|\"sign-in\"|\"forget-password\"|\"change-email\""));
    }
}
