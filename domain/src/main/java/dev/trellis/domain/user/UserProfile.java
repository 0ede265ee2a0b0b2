package dev.trellis.domain.user;

import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.shared.Text;
import dev.trellis.domain.shared.WebUrl;

import java.util.Objects;

/** The public profile: {@code user_profile}. Website is optional; time zone defaults to UTC. */
public record UserProfile(UserId userId, String bio, WebUrl website, TimeZoneName timezone, long version) {

    public static final int MAX_BIO_LENGTH = 5000;

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        Text.optional("bio", bio, MAX_BIO_LENGTH);
        timezone = timezone == null ? TimeZoneName.UTC : timezone;
    }

    public static UserProfile defaults(UserId userId) {
        return new UserProfile(userId, null, null, TimeZoneName.UTC, 0);
    }

    public UserProfile withBio(String newBio) {
        return new UserProfile(userId, newBio, website, timezone, version);
    }

    public UserProfile withWebsite(WebUrl newWebsite) {
        return new UserProfile(userId, bio, newWebsite, timezone, version);
    }

    public UserProfile withTimezone(TimeZoneName newTimezone) {
        return new UserProfile(userId, bio, website, newTimezone, version);
    }
}
