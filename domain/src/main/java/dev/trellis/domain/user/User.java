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
 */
public record User(UserId id, String name, EmailAddress email, boolean emailVerified, String image,
                   Instant createdAt, Instant updatedAt) {

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
        return new User(id, name, email, emailVerified, null, at, at);
    }

    public User rename(String newName, Instant now) {
        return new User(id, newName, email, emailVerified, image, createdAt, now.truncatedTo(ChronoUnit.MICROS));
    }

    public User withImage(String newImage, Instant now) {
        return new User(id, name, email, emailVerified, newImage, createdAt, now.truncatedTo(ChronoUnit.MICROS));
    }
}
