package dev.trellis.domain.user;

/** A user with profile and settings, read together. */
public record UserDetails(User user, UserProfile profile, UserSettings settings) {
}
