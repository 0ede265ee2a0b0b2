package dev.trellis.domain.user;

import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.Text;
import dev.trellis.domain.shared.WebUrl;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A row of Better Auth's {@code user} table. Better Auth requires a name (it may be empty);
 * {@code image} is an optional URL.
 *
 * <p>{@code twoFactorEnabled} is the column Better Auth's two-factor plugin adds to that table: a new
 * user starts without it (the plugin's default is false and no client may set it), and it turns true
 * once the user has verified a first code after enabling two-factor, false again on disabling. The
 * plugin does not hide the field, so Better Auth shows it with the user wherever the user is returned;
 * whether Trellis shows it too depends on the plugin being switched on, which is not the domain's concern.
 */
public record User(UserId id, String name, EmailAddress email, boolean emailVerified, String image,
                   Instant createdAt, Instant updatedAt, boolean twoFactorEnabled) {

    public static final int MAX_NAME_LENGTH = 255;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        if (name == null) {
            throw InvalidInput.required("name");
        }
        Text.optional("name", name, MAX_NAME_LENGTH);
        Text.optional("image", image, WebUrl.MAX_LENGTH);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static User register(UserId id, String name, EmailAddress email, boolean emailVerified, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new User(id, name, email, emailVerified, null, at, at, false);
    }

    public User rename(String newName, Instant now) {
        return new User(id, newName, email, emailVerified, image, createdAt, now.truncatedTo(ChronoUnit.MICROS),
                twoFactorEnabled);
    }

    public User withImage(String newImage, Instant now) {
        return new User(id, name, email, emailVerified, newImage, createdAt, now.truncatedTo(ChronoUnit.MICROS),
                twoFactorEnabled);
    }
}
