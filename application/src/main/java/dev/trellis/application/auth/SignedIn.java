package dev.trellis.application.auth;

import dev.trellis.domain.auth.Session;
import dev.trellis.domain.user.User;

/** A user with the session that proves it; {@code rememberMe} false means a browser-session cookie. */
public record SignedIn(User user, Session session, boolean rememberMe) {
}
