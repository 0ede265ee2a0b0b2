package dev.trellis.adapter.persistence.user;

import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.LanguageTag;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.TimeZoneName;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserRepository;
import dev.trellis.domain.user.UserSettings;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Users live in Better Auth's {@code user} table, which a Better Auth server may write too, so
 * this adapter speaks plain SQL to it (no Trellis-only columns, no version). The profile and
 * settings rows are made by the {@code user_defaults} trigger, whoever inserts the user. The
 * two-factor flag is only read here; the two-factor adapter writes it.
 */
public class UserPersistenceAdapter implements UserRepository {

    private static final String USER_COLUMNS = "u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at,"
            + " u.two_factor_enabled";

    /** Users with profile and settings, to be completed with a {@code where} on {@code u}; map with {@link #details}. */
    public static final String SELECT_DETAILS = "select " + USER_COLUMNS + """
            , p.bio, p.website, coalesce(p.timezone, 'UTC') as timezone, coalesce(p.version, 0) as profile_version,
              coalesce(s.theme, 'system') as theme, coalesce(s.language, 'en') as language,
              coalesce(s.notifications_enabled, true) as notifications_enabled,
              coalesce(s.version, 0) as settings_version
            from "user" u
            left join user_profile p on p.user_id = u.id
            left join user_settings s on s.user_id = u.id""";

    private final JdbcClient jdbc;

    public UserPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(User user) {
        translate(() -> jdbc.sql("""
                        insert into "user" (id, name, email, email_verified, image, created_at, updated_at)
                        values (:id, :name, :email, :verified, :image, :createdAt, :updatedAt)""")
                .param("id", user.id().value())
                .param("name", user.name())
                .param("email", user.email().value())
                .param("verified", user.emailVerified())
                .param("image", user.image())
                .param("createdAt", utc(user.createdAt()))
                .param("updatedAt", utc(user.updatedAt()))
                .update());
    }

    @Override
    public Optional<User> findById(UserId id) {
        return translate(() -> jdbc.sql("select " + USER_COLUMNS + " from \"user\" u where u.id = :id")
                .param("id", id.value())
                .query((rs, n) -> user(rs, ""))
                .optional());
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return translate(() -> jdbc.sql("select " + USER_COLUMNS + " from \"user\" u where u.email = :email")
                .param("email", email.value())
                .query((rs, n) -> user(rs, ""))
                .optional());
    }

    @Override
    public Optional<UserDetails> findDetails(UserId id) {
        // One statement; missing rows (a user made before the trigger existed) read as the defaults.
        return translate(() -> jdbc.sql(SELECT_DETAILS + " where u.id = :id")
                .param("id", id.value())
                .query((rs, n) -> details(rs))
                .optional());
    }

    @Override
    public void update(User user) {
        translate(() -> jdbc.sql("""
                        update "user" set name = :name, email = :email, email_verified = :verified,
                                          image = :image, updated_at = :updatedAt
                        where id = :id""")
                .param("id", user.id().value())
                .param("name", user.name())
                .param("email", user.email().value())
                .param("verified", user.emailVerified())
                .param("image", user.image())
                .param("updatedAt", utc(user.updatedAt()))
                .update());
    }

    @Override
    public long saveProfile(UserProfile profile) {
        return translate(() -> jdbc.sql("""
                        insert into user_profile as p (user_id, bio, website, timezone, version)
                        values (:userId, :bio, :website, :timezone, :version + 1)
                        on conflict (user_id) do update
                            set bio = excluded.bio, website = excluded.website, timezone = excluded.timezone,
                                version = p.version + 1
                            where p.version = :version
                        returning version""")
                .param("userId", profile.userId().value())
                .param("bio", profile.bio())
                .param("website", profile.website() == null ? null : profile.website().value())
                .param("timezone", profile.timezone().value())
                .param("version", profile.version())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new StaleVersion("profile", profile.userId())));
    }

    @Override
    public long saveSettings(UserSettings settings) {
        return translate(() -> jdbc.sql("""
                        insert into user_settings as s (user_id, theme, language, notifications_enabled, version)
                        values (:userId, cast(:theme as theme), :language, :notifications, :version + 1)
                        on conflict (user_id) do update
                            set theme = excluded.theme, language = excluded.language,
                                notifications_enabled = excluded.notifications_enabled,
                                version = s.version + 1
                            where s.version = :version
                        returning version""")
                .param("userId", settings.userId().value())
                .param("theme", settings.theme().code())
                .param("language", settings.language().value())
                .param("notifications", settings.notificationsEnabled())
                .param("version", settings.version())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new StaleVersion("settings", settings.userId())));
    }

    @Override
    public boolean remove(UserId id) {
        return translate(() -> jdbc.sql("delete from \"user\" where id = :id").param("id", id.value()).update() > 0);
    }

    /** Maps a row of {@link #SELECT_DETAILS}. */
    public static UserDetails details(ResultSet rs) throws SQLException {
        User user = user(rs, "");
        var profile = new UserProfile(user.id(), rs.getString("bio"),
                WebUrl.parseOptional("website", rs.getString("website")),
                new TimeZoneName(rs.getString("timezone")), rs.getLong("profile_version"));
        var settings = new UserSettings(user.id(), Theme.fromCode(rs.getString("theme")),
                new LanguageTag(rs.getString("language")), rs.getBoolean("notifications_enabled"),
                rs.getLong("settings_version"));
        return new UserDetails(user, profile, settings);
    }

    /**
     * Maps the user columns; {@code prefix} selects aliased columns when the user is joined. A null
     * {@code two_factor_enabled} (neither server writes one: both insert the column's default false)
     * reads as false, as the two-factor plugin itself treats it; Better Auth's get-session would show
     * it as null, since it passes a stored null through and fills in its default only on insert.
     */
    public static User user(ResultSet rs, String prefix) throws SQLException {
        return new User(new UserId(rs.getString(prefix + "id")), rs.getString(prefix + "name"),
                new EmailAddress(rs.getString(prefix + "email")), rs.getBoolean(prefix + "email_verified"),
                rs.getString(prefix + "image"), instant(rs, prefix + "created_at"), instant(rs, prefix + "updated_at"),
                rs.getBoolean(prefix + "two_factor_enabled"));
    }
}
