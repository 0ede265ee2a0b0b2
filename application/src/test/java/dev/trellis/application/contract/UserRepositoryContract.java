package dev.trellis.application.contract;

import dev.trellis.domain.shared.DataAccessFailure;
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
import dev.trellis.domain.user.UserSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class UserRepositoryContract extends PortContract {

    @Test
    void a_user_reads_back_by_id_and_by_email() {
        User user = aUser();

        assertThat(ports.users().findById(user.id())).contains(user);
        assertThat(ports.users().findByEmail(user.email())).contains(user);
        assertThat(ports.users().findById(UserId.generate())).isEmpty();
    }

    @Test
    void a_new_user_has_default_profile_and_settings() {
        User user = aUser();

        UserDetails details = ports.users().findDetails(user.id()).orElseThrow();

        assertThat(details.user()).isEqualTo(user);
        assertThat(details.profile().timezone()).isEqualTo(TimeZoneName.UTC);
        assertThat(details.profile().bio()).isNull();
        assertThat(details.settings().theme()).isEqualTo(Theme.SYSTEM);
        assertThat(details.settings().language()).isEqualTo(LanguageTag.ENGLISH);
        assertThat(details.settings().notificationsEnabled()).isTrue();
    }

    @Test
    void better_auth_style_ids_are_stored_and_read() {
        User user = User.register(new UserId("aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI"), "Ba", new EmailAddress("ba@example.com"), true, tick());
        ports.users().add(user);

        assertThat(ports.users().findById(user.id())).contains(user);
    }

    @Test
    void a_taken_email_is_a_duplicate() {
        User user = aUser();
        User twin = User.register(UserId.generate(), "Twin", user.email(), false, tick());

        assertThatThrownBy(() -> ports.users().add(twin)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThat(ports.users().findById(twin.id())).isEmpty();
    }

    @Test
    void update_writes_name_image_and_flags() {
        User user = aUser();
        User renamed = user.rename("Renamed", tick()).withImage("https://example.com/a.png", tick());

        ports.users().update(renamed);

        assertThat(ports.users().findById(user.id())).contains(renamed);
    }

    @Test
    void profile_and_settings_save_with_growing_versions_and_refuse_stale_writes() {
        User user = aUser();
        UserDetails details = ports.users().findDetails(user.id()).orElseThrow();
        UserProfile profile = details.profile().withBio("Hello").withWebsite(WebUrl.parseOptional("website", "https://trellis.dev"))
                .withTimezone(new TimeZoneName("Europe/Paris"));

        long v1 = ports.users().saveProfile(profile);
        long v2 = ports.users().saveSettings(details.settings().withTheme(Theme.DARK).withLanguage(new LanguageTag("pt-BR"))
                .withNotificationsEnabled(false));

        UserDetails saved = ports.users().findDetails(user.id()).orElseThrow();
        assertThat(saved.profile()).isEqualTo(new UserProfile(user.id(), "Hello",
                new WebUrl("https://trellis.dev"), new TimeZoneName("Europe/Paris"), v1));
        assertThat(saved.settings()).isEqualTo(new UserSettings(user.id(), Theme.DARK, new LanguageTag("pt-BR"), false, v2));
        assertThat(v1).isEqualTo(details.profile().version() + 1);
        assertThat(v2).isEqualTo(details.settings().version() + 1);
        assertThatThrownBy(() -> ports.users().saveProfile(profile)).isInstanceOf(StaleVersion.class);
        assertThatThrownBy(() -> ports.users().saveSettings(details.settings())).isInstanceOf(StaleVersion.class);
    }

    @Test
    void removing_a_user_removes_what_they_own_and_keeps_shared_tags() {
        User owner = aUser();
        User other = aUser();
        var tag = aTag("shared");
        var item = anItem(owner, "Mine", tag);
        var othersItem = anItem(other, "Theirs", tag);
        var file = newFile(owner, item, "a.png");
        ports.files().add(file);

        assertThat(ports.users().remove(owner.id())).isTrue();

        assertThat(ports.users().findById(owner.id())).isEmpty();
        assertThat(ports.users().findDetails(owner.id())).isEmpty();
        assertThat(ports.items().findById(item.id())).isEmpty();
        assertThat(ports.files().findById(file.id())).isEmpty();
        assertThat(ports.tags().findById(tag.id())).isPresent();
        assertThat(ports.items().findById(othersItem.id()).orElseThrow().tags()).containsExactly(tag.id());
        assertThat(ports.users().remove(owner.id())).isFalse();
    }

    @Test
    void email_lookup_ignores_case_because_emails_are_stored_lower_case() {
        User user = aUser();

        assertThat(ports.users().findByEmail(new EmailAddress(user.email().value().toUpperCase()))).contains(user);
    }
}
