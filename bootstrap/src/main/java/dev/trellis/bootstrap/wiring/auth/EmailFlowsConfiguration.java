package dev.trellis.bootstrap.wiring.auth;

import dev.trellis.adapter.web.auth.AuthConfig;
import dev.trellis.adapter.web.auth.out.password.BetterAuthPasswordHasher;
import dev.trellis.adapter.web.auth.out.secret.AuthSecret;
import dev.trellis.adapter.web.auth.out.token.EmailVerificationJwt;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.email.ChangeEmail;
import dev.trellis.application.auth.otp.CheckEmailOtp;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.password.RequestPasswordReset;
import dev.trellis.application.auth.password.ResetPassword;
import dev.trellis.application.auth.otp.ResetPasswordWithEmailOtp;
import dev.trellis.application.auth.otp.SendEmailOtp;
import dev.trellis.application.auth.magiclink.SendMagicLink;
import dev.trellis.application.auth.email.SendVerificationEmail;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.otp.SignInWithEmailOtp;
import dev.trellis.application.auth.email.VerifyEmail;
import dev.trellis.application.auth.otp.VerifyEmailWithOtp;
import dev.trellis.application.auth.magiclink.VerifyMagicLink;
import dev.trellis.application.auth.email.EmailVerificationTokens;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Clock;

/**
 * Better Auth's email flows: password reset, email verification, email change, magic links and
 * email one-time codes, with Better Auth's lifetimes, links under its base path, and verification
 * tokens signed with the same secret as the session cookies.
 */
@Configuration(proxyBeanMethods = false)
public class EmailFlowsConfiguration {

    @Bean
    EmailFlowSettings emailFlowSettings(AuthConfig config) {
        return EmailFlowSettings.betterAuthDefaults(authBaseUrl(config.baseUrl()));
    }

    /** Better Auth's rule: a base URL without a path gets {@code /api/auth}; one with a path is used as it is. */
    static String authBaseUrl(URI baseUrl) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath().replaceAll("/+$", "");
        return path.isEmpty() ? base + AuthConfig.BASE_PATH : base;
    }

    /** Signed with the same secret as the session cookie. */
    @Bean
    EmailVerificationJwt emailVerificationTokens(AuthSecret secret, Clock clock) {
        return new EmailVerificationJwt(secret.value(), clock);
    }

    @Bean
    RequestPasswordReset requestPasswordReset(UserRepository users, VerificationRepository verifications, Mailer mailer,
                                              EmailFlowSettings settings, Clock clock) {
        return new RequestPasswordReset(users, verifications, mailer, settings, clock);
    }

    @Bean
    ResetPassword resetPassword(UserRepository users, AccountRepository accounts, VerificationRepository verifications,
                                BetterAuthPasswordHasher hasher, AuthSettings settings, Clock clock) {
        return new ResetPassword(users, accounts, verifications, hasher, settings, clock);
    }

    @Bean
    SendVerificationEmail sendVerificationEmail(UserRepository users, EmailVerificationTokens tokens, Mailer mailer,
                                                EmailFlowSettings settings) {
        return new SendVerificationEmail(users, tokens, mailer, settings);
    }

    @Bean
    VerifyEmail verifyEmail(UserRepository users, EmailVerificationTokens tokens, Mailer mailer,
                            EmailFlowSettings settings, Clock clock) {
        return new VerifyEmail(users, tokens, mailer, settings, clock);
    }

    @Bean
    ChangeEmail changeEmail(UserRepository users, EmailVerificationTokens tokens, Mailer mailer,
                            EmailFlowSettings settings, Clock clock) {
        return new ChangeEmail(users, tokens, mailer, settings, clock);
    }

    @Bean
    SendMagicLink sendMagicLink(VerificationRepository verifications, Mailer mailer, EmailFlowSettings settings,
                                Clock clock) {
        return new SendMagicLink(verifications, mailer, settings, clock);
    }

    @Bean
    VerifyMagicLink verifyMagicLink(VerificationRepository verifications, UserRepository users,
                                    AccountRepository accounts, SessionRepository sessionRows, Sessions sessions,
                                    Clock clock) {
        return new VerifyMagicLink(verifications, users, accounts, sessionRows, sessions, clock);
    }

    @Bean
    SendEmailOtp sendEmailOtp(UserRepository users, VerificationRepository verifications, Mailer mailer,
                              EmailFlowSettings settings, Clock clock) {
        return new SendEmailOtp(users, verifications, mailer, settings, clock);
    }

    @Bean
    SignInWithEmailOtp signInWithEmailOtp(VerificationRepository verifications, UserRepository users,
                                          AccountRepository accounts, SessionRepository sessionRows, Sessions sessions,
                                          EmailFlowSettings settings, Clock clock) {
        return new SignInWithEmailOtp(verifications, users, accounts, sessionRows, sessions, settings, clock);
    }

    @Bean
    VerifyEmailWithOtp verifyEmailWithOtp(VerificationRepository verifications, UserRepository users,
                                          EmailFlowSettings settings, Clock clock) {
        return new VerifyEmailWithOtp(verifications, users, settings, clock);
    }

    @Bean
    CheckEmailOtp checkEmailOtp(VerificationRepository verifications, UserRepository users, EmailFlowSettings settings,
                                Clock clock) {
        return new CheckEmailOtp(verifications, users, settings, clock);
    }

    @Bean
    ResetPasswordWithEmailOtp resetPasswordWithEmailOtp(VerificationRepository verifications, UserRepository users,
                                                        AccountRepository accounts, BetterAuthPasswordHasher hasher,
                                                        AuthSettings authSettings, EmailFlowSettings settings,
                                                        Clock clock) {
        return new ResetPasswordWithEmailOtp(verifications, users, accounts, hasher, authSettings, settings, clock);
    }
}
