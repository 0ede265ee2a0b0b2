package dev.trellis.adapter.web.auth.in.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.user.User;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Better Auth's JSON shapes. Dates as JavaScript's {@code toISOString()}: milliseconds and {@code Z}.
 * The user's shape depends on the plugins: with the two-factor plugin on ({@code twoFactorPlugin},
 * from {@code trellis.auth.two-factor.enabled}) the user carries {@code twoFactorEnabled}, since that
 * plugin adds the field to Better Auth's user and does not hide it; without the plugin there is no such field.
 */
public record AuthJson(boolean twoFactorPlugin) {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** {@code twoFactorEnabled} is null, and so left out, when the two-factor plugin is off. */
    public record UserJson(String id, String name, String email, boolean emailVerified, String image, String createdAt,
                    String updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean twoFactorEnabled) {
    }

    public record SessionJson(String id, String expiresAt, String token, String createdAt, String updatedAt, String ipAddress,
                       String userAgent, String userId) {
    }

    public record SessionWithUser(SessionJson session, UserJson user) {
    }

    record TokenAndUser(String token, UserJson user) {
    }

    record SignInResult(boolean redirect, String token, String url, UserJson user) {
    }

    public record Status(boolean status) {
    }

    record Success(boolean success) {
    }

    record SuccessMessage(boolean success, String message) {
    }

    record StatusMessage(boolean status, String message) {
    }

    /** The user as Better Auth returns it with this server's plugins. */
    public UserJson user(User user) {
        return new UserJson(user.id().value(), user.name(), user.email().value(), user.emailVerified(), user.image(),
                date(user.createdAt()), date(user.updatedAt()), twoFactorPlugin ? user.twoFactorEnabled() : null);
    }

    public static SessionJson session(Session session) {
        return new SessionJson(session.id().value(), date(session.expiresAt()), session.token().value(),
                date(session.createdAt()), date(session.updatedAt()), session.ipAddress(), session.userAgent(),
                session.userId().value());
    }

    public static String date(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
