package dev.trellis.application.auth.jwt;

import dev.trellis.domain.user.User;

import java.time.Instant;

/**
 * What a session's JWT says, in Better Auth's order: {@code iat}, the user's own fields (as
 * {@code get-session} shows them), {@code sub}, then {@code exp}, {@code iss} and {@code aud}.
 */
public record SessionJwtClaims(Instant issuedAt, User user, String subject, Instant expiresAt, String issuer,
                               String audience) {
}
