package dev.trellis.domain.user;

import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** What a user gets before choosing anything: the seed's column defaults. */
class UserDefaultsTest {

    private static final UserId USER = UserId.generate();

    @Test
    void a_default_profile_is_empty_in_utc() {
        UserProfile profile = UserProfile.defaults(USER);

        assertThat(profile.userId()).isEqualTo(USER);
        assertThat(profile.bio()).isNull();
        assertThat(profile.website()).isNull();
        assertThat(profile.timezone()).isEqualTo(new TimeZoneName("UTC"));
        assertThat(profile.version()).isZero();
    }

    @Test
    void a_profile_read_without_a_time_zone_is_in_utc() {
        assertThat(new UserProfile(USER, null, null, null, 3).timezone()).isEqualTo(TimeZoneName.UTC);
    }

    @Test
    void a_bio_has_a_limit() {
        assertInvalid(() -> UserProfile.defaults(USER).withBio("x".repeat(UserProfile.MAX_BIO_LENGTH + 1)),
                "bio", "text.too_long");
    }

    @Test
    void default_settings_follow_the_system_theme_in_english_with_notifications_on() {
        UserSettings settings = UserSettings.defaults(USER);

        assertThat(settings.userId()).isEqualTo(USER);
        assertThat(settings.theme()).isEqualTo(Theme.SYSTEM);
        assertThat(settings.language()).isEqualTo(new LanguageTag("en"));
        assertThat(settings.notificationsEnabled()).isTrue();
        assertThat(settings.version()).isZero();
    }

    @Test
    void settings_read_without_theme_or_language_get_the_defaults() {
        UserSettings settings = new UserSettings(USER, null, null, false, 2);

        assertThat(settings.theme()).isEqualTo(Theme.SYSTEM);
        assertThat(settings.language()).isEqualTo(LanguageTag.ENGLISH);
        assertThat(settings.notificationsEnabled()).isFalse();
    }

    @Test
    void withers_change_one_thing_and_keep_the_version() {
        UserSettings settings = UserSettings.defaults(USER)
                .withTheme(Theme.DARK)
                .withLanguage(new LanguageTag("pt-BR"))
                .withNotificationsEnabled(false);

        assertThat(settings).isEqualTo(new UserSettings(USER, Theme.DARK, new LanguageTag("pt-BR"), false, 0));
    }

    @Test
    void theme_codes_are_the_postgresql_enum_labels() {
        assertThat(Theme.fromCode("dark")).isEqualTo(Theme.DARK);
        assertThat(Theme.SYSTEM.code()).isEqualTo("system");
        assertInvalid(() -> Theme.fromCode("DARK"), "theme", "theme.invalid");
    }
}
