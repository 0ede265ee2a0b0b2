package dev.trellis.adapter.web.auth.in.plugin;

import dev.trellis.application.auth.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * What {@code /sign-in/email} asks a second-factor plugin once the password matched: the body to
 * answer instead of a session (the plugin then set its own cookies), or nothing to go on.
 */
public interface SecondFactorStep {

    Optional<Object> challenge(SignedIn signedIn, HttpServletRequest request, HttpServletResponse response);
}
