package dev.trellis.domain.user;

import dev.trellis.domain.shared.InvalidInput;

import java.util.Locale;
import java.util.regex.Pattern;

/** An email address, lower-cased as Better Auth stores it. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public EmailAddress {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("email", "email.blank", "must not be blank");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput("email", "email.invalid", "must be an email address");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
