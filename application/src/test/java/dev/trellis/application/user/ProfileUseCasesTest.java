package dev.trellis.application.user;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.RecordingEventOutbox;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signed-in user's own record against the in-memory fakes: a change to the profile or to the
 * settings is one {@code user.updated} carrying both, checked against {@code If-Match}.
 */
class ProfileUseCasesTest {

    static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final InMemoryStore store = new InMemoryStore();
    final RecordingEventOutbox outbox = new RecordingEventOutbox(store.eventOutbox);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ViewProfile viewProfile = new ViewProfile(store.userRepository);
    final UpdateProfile updateProfile = new UpdateProfile(store.userRepository, outbox, clock);
    final UpdateSettings updateSettings = new UpdateSettings(store.userRepository, outbox, clock);

    final RequestContext alice = new RequestContext(user("alice"), TRACE);
    final RequestContext bob = new RequestContext(user("bob"), null);

    @Nested
    class View {

        @Test
        void shows_the_callers_own_record_with_default_profile_and_settings() {
            UserDetails me = viewProfile.handle(alice);

            assertThat(me.user().id()).isEqualTo(alice.user());
            assertThat(me.user().name()).isEqualTo("alice");
            assertThat(me.profile().timezone().value()).isEqualTo("UTC");
            assertThat(me.profile().version()).isZero();
            assertThat(me.settings().theme()).isEqualTo(Theme.SYSTEM);
            assertThat(outbox.appended()).as("reading writes nothing").isEmpty();
        }

        @Test
        void a_caller_without_a_user_row_is_not_found() {
            assertThatThrownBy(() -> viewProfile.handle(new RequestContext(UserId.generate(), null)))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("user.not_found"));
        }
    }

    @Nested
    class Profile {

        @Test
        void changes_only_the_fields_named_and_writes_one_user_updated_with_the_whole_record() {
            UserDetails after = updateProfile.handle(alice, new UpdateProfile.Command(0L, Optional.of(Optional.of("Gardener")),
                    Optional.of(Optional.of("https://example.com/alice")), Optional.of("Europe/Paris")));
            UserDetails cleared = updateProfile.handle(alice, new UpdateProfile.Command(1L, Optional.empty(),
                    Optional.of(Optional.empty()), Optional.empty()));

            assertThat(after.profile().bio()).isEqualTo("Gardener");
            assertThat(after.profile().website().value()).isEqualTo("https://example.com/alice");
            assertThat(after.profile().version()).isEqualTo(1);
            assertThat(cleared.profile().bio()).isEqualTo("Gardener");
            assertThat(cleared.profile().website()).isNull();
            assertThat(cleared.profile().timezone().value()).isEqualTo("Europe/Paris");
            assertThat(cleared.profile().version()).isEqualTo(2);
            assertThat(viewProfile.handle(alice)).isEqualTo(cleared);
            assertThat(viewProfile.handle(bob).profile().bio()).as("bob's profile is his own").isNull();

            assertThat(outbox.eventTypes()).containsExactly("user.updated", "user.updated");
            OutboxEvent first = outbox.appended().get(0);
            assertThat(first.aggregateId()).isEqualTo(alice.user().value());
            assertThat(first.traceParent()).isEqualTo(TRACE);
            assertThat(first.occurredAt()).isEqualTo(NOW);
            assertThat(first.payload()).containsEntry("email", "alice@example.com").containsEntry("version", 1L);
            assertThat(first.payload().get("profile")).isEqualTo(Map.of("bio", "Gardener",
                    "website", "https://example.com/alice", "timezone", "Europe/Paris"));
            assertThat(first.payload()).containsKey("settings");
        }

        @Test
        void a_stale_if_match_fails_the_precondition_and_changes_nothing() {
            updateProfile.handle(alice, new UpdateProfile.Command(null, Optional.of(Optional.of("Gardener")), Optional.empty(),
                    Optional.empty()));

            assertThatThrownBy(() -> updateProfile.handle(alice, new UpdateProfile.Command(0L,
                    Optional.of(Optional.of("Painter")), Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(PreconditionFailed.class,
                            e -> assertThat(e.code()).isEqualTo("profile.precondition_failed"));

            assertThat(viewProfile.handle(alice).profile().bio()).isEqualTo("Gardener");
            assertThat(outbox.eventTypes()).containsExactly("user.updated");
        }

        @Test
        void an_unknown_time_zone_or_a_website_that_is_no_http_url_is_invalid_input() {
            assertThatThrownBy(() -> updateProfile.handle(alice, new UpdateProfile.Command(null, Optional.empty(),
                    Optional.empty(), Optional.of("Mars/Olympus"))))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("timezone.unknown"));
            assertThatThrownBy(() -> updateProfile.handle(alice, new UpdateProfile.Command(null, Optional.empty(),
                    Optional.of(Optional.of("ftp://example.com")), Optional.empty())))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("website"));

            assertThat(viewProfile.handle(alice).profile().version()).isZero();
            assertThat(outbox.appended()).isEmpty();
        }
    }

    @Nested
    class Settings {

        @Test
        void changes_only_the_fields_named_and_writes_one_user_updated() {
            UserDetails after = updateSettings.handle(bob, new UpdateSettings.Command(0L, Optional.of(Theme.DARK),
                    Optional.of("fr"), Optional.empty()));

            assertThat(after.settings().theme()).isEqualTo(Theme.DARK);
            assertThat(after.settings().language().value()).isEqualTo("fr");
            assertThat(after.settings().notificationsEnabled()).isTrue();
            assertThat(after.settings().version()).isEqualTo(1);
            assertThat(after.profile().version()).as("the profile stays").isZero();

            assertThat(outbox.eventTypes()).containsExactly("user.updated");
            OutboxEvent event = outbox.appended().get(0);
            assertThat(event.aggregateId()).isEqualTo(bob.user().value());
            assertThat(event.traceParent()).isNull();
            assertThat(event.payload().get("settings")).isEqualTo(Map.of("theme", "dark", "language", "fr",
                    "notificationsEnabled", true));
        }

        @Test
        void a_stale_if_match_fails_the_precondition_and_a_bad_language_is_invalid_input() {
            updateSettings.handle(bob, new UpdateSettings.Command(null, Optional.empty(), Optional.empty(), Optional.of(false)));

            assertThatThrownBy(() -> updateSettings.handle(bob, new UpdateSettings.Command(0L, Optional.of(Theme.LIGHT),
                    Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(PreconditionFailed.class,
                            e -> assertThat(e.code()).isEqualTo("settings.precondition_failed"));
            assertThatThrownBy(() -> updateSettings.handle(bob, new UpdateSettings.Command(1L, Optional.empty(),
                    Optional.of("not a language!"), Optional.empty())))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("language.invalid"));

            UserDetails now = viewProfile.handle(bob);
            assertThat(now.settings().theme()).isEqualTo(Theme.SYSTEM);
            assertThat(now.settings().notificationsEnabled()).isFalse();
            assertThat(outbox.eventTypes()).containsExactly("user.updated");
        }
    }

    private UserId user(String name) {
        User user = User.register(UserId.generate(), name, new EmailAddress(name + "@example.com"), true,
                Instant.parse("2026-01-01T00:00:00Z"));
        store.userRepository.add(user);
        return user.id();
    }
}
