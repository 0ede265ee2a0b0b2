package dev.trellis.domain.user;

import dev.trellis.domain.shared.UserId;
import java.util.Optional;

/** Users with their profile and settings. Port; adapters implement it. */
public interface UserRepository {

    /** Inserts the user with default profile and settings rows. */
    void add(User user);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(EmailAddress email);

    /**
     * The user with profile and settings in one read. A user whose rows were never made (created by
     * a Better Auth server on the shared database) gets the defaults.
     */
    Optional<UserDetails> findDetails(UserId id);

    /** Writes name, email, verification flag and image. */
    void update(User user);

    /** Writes the profile when {@code profile.version()} is current; returns the new version. */
    long saveProfile(UserProfile profile);

    /** Writes the settings when {@code settings.version()} is current; returns the new version. */
    long saveSettings(UserSettings settings);

    /** Deletes the user and, by cascade, everything the user owns; false when there was none. */
    boolean remove(UserId id);
}
