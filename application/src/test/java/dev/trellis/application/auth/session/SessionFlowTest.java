package dev.trellis.application.auth.session;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session flow: a token names a session, which lives 7 days (1 without "remember me"), slides
 * forward once a day of use, can be listed and revoked by its user, ends at sign-out, and is purged
 * once expired.
 */
class SessionFlowTest {

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final AuthSettings settings = AuthSettings.betterAuthDefaults();
    final Sessions sessions = new Sessions(store.sessionRepository, settings, clock);

    final ResolveSession resolve = new ResolveSession(store.sessionRepository, store.userRepository, settings, clock);
    final ManageSessions manage = new ManageSessions(store.sessionRepository, settings, clock);
    final SignOut signOut = new SignOut(store.sessionRepository);
    final PurgeExpiredAuthRows purge = new PurgeExpiredAuthRows(store.sessionRepository, store.verificationRepository,
            store.rateLimitCounters, Duration.ofSeconds(60), clock);

    final User ada = user("ada@example.com");
    final User bob = user("bob@example.com");

    User user(String email) {
        User user = User.register(UserId.generate(), email.substring(0, 3), new EmailAddress(email), true, clock.instant());
        store.userRepository.add(user);
        return user;
    }

    Session open(User user, boolean rememberMe) {
        return sessions.open(user.id(), rememberMe, new ClientInfo("203.0.113.7", "JUnit"));
    }

    Optional<Session> stored(Session session) {
        return store.sessionRepository.findByToken(session.token());
    }

    @Nested
    class ResolveSessionTest {

        @Test
        void a_live_session_names_its_user_and_is_not_resent_within_a_day() {
            Session session = open(ada, true);
            clock.advance(Duration.ofHours(23));

            ResolveSession.Current current = resolve.handle(session.token(), true).orElseThrow();

            assertThat(current.signedIn().user().id()).isEqualTo(ada.id());
            assertThat(current.signedIn().session().id()).isEqualTo(session.id());
            assertThat(current.signedIn().rememberMe()).isTrue();
            assertThat(current.refreshed()).isFalse();
            assertThat(stored(session).orElseThrow().expiresAt()).isEqualTo(session.expiresAt());
        }

        @Test
        void the_client_is_recorded_and_a_remembered_session_lives_seven_days_a_short_one_one_day() {
            Session remembered = open(ada, true);
            Session shortOne = open(ada, false);

            assertThat(remembered.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(shortOne.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
            assertThat(stored(remembered).orElseThrow().ipAddress()).isEqualTo("203.0.113.7");
            assertThat(stored(remembered).orElseThrow().userAgent()).isEqualTo("JUnit");
        }

        @Test
        void an_unknown_token_is_nobody() {
            open(ada, true);

            assertThat(resolve.handle(SessionToken.generate(), true)).isEmpty();
        }

        @Test
        void a_session_is_valid_through_its_last_instant_then_deleted_and_refused() {
            Session session = open(ada, false);

            clock.set(session.expiresAt());
            assertThat(resolve.handle(session.token(), false)).isPresent();

            clock.advance(Duration.ofMillis(1));
            assertThat(resolve.handle(session.token(), false)).isEmpty();
            assertThat(stored(session)).isEmpty();
        }

        @Test
        void a_signed_out_session_is_nobody() {
            Session session = open(ada, true);
            signOut.handle(session.token());

            assertThat(resolve.handle(session.token(), true)).isEmpty();
        }

        @Test
        void a_day_after_it_was_last_extended_a_remembered_session_slides_to_a_full_lifetime_and_the_cookie_is_resent() {
            Session session = open(ada, true);
            clock.advance(Duration.ofDays(1));

            ResolveSession.Current current = resolve.handle(session.token(), true).orElseThrow();

            Instant slid = clock.instant().plus(Duration.ofDays(7));
            assertThat(current.refreshed()).isTrue();
            assertThat(current.signedIn().session().expiresAt()).isEqualTo(slid);
            assertThat(stored(session).orElseThrow().expiresAt()).isEqualTo(slid);
            assertThat(stored(session).orElseThrow().createdAt()).isEqualTo(session.createdAt());

            clock.advance(Duration.ofHours(1));
            assertThat(resolve.handle(session.token(), true).orElseThrow().refreshed()).isFalse();
        }

        @Test
        void a_session_without_remember_me_never_slides() {
            Session session = open(ada, false);
            clock.advance(Duration.ofHours(24));

            ResolveSession.Current current = resolve.handle(session.token(), false).orElseThrow();

            assertThat(current.refreshed()).isFalse();
            assertThat(current.signedIn().rememberMe()).isFalse();
            assertThat(stored(session).orElseThrow().expiresAt()).isEqualTo(session.expiresAt());
        }
    }

    @Nested
    class ManageSessionsTest {

        @Test
        void a_fresh_session_lists_the_users_live_sessions_only() {
            Session old = open(ada, false);
            clock.advance(Duration.ofDays(1).plusMinutes(1)); // old has expired, not yet purged
            Session phone = open(ada, true);
            Session laptop = open(ada, true);
            open(bob, true);

            assertThat(manage.list(new SignedIn(ada, laptop, true)))
                    .extracting(Session::id)
                    .containsExactlyInAnyOrder(phone.id(), laptop.id())
                    .doesNotContain(old.id());
        }

        @Test
        void listing_needs_a_session_younger_than_a_day() {
            Session session = open(ada, true);
            SignedIn caller = new SignedIn(ada, session, true);

            clock.advance(Duration.ofDays(1));
            assertThat(manage.list(caller)).hasSize(1);

            clock.advance(Duration.ofMillis(1));
            assertThatThrownBy(() -> manage.list(caller)).isInstanceOfSatisfying(AuthFailure.class, e -> {
                assertThat(e.code()).isEqualTo("SESSION_NOT_FRESH");
                assertThat(e.kind()).isEqualTo(AuthFailure.Kind.FORBIDDEN);
            });
        }

        @Test
        void revoking_one_of_ones_own_sessions_deletes_it() {
            Session current = open(ada, true);
            Session phone = open(ada, true);

            manage.revoke(new SignedIn(ada, current, true), phone.token());

            assertThat(stored(phone)).isEmpty();
            assertThat(stored(current)).isPresent();
        }

        @Test
        void another_users_session_is_answered_as_unknown_and_stays() {
            Session current = open(ada, true);
            Session bobs = open(bob, true);

            assertThatThrownBy(() -> manage.revoke(new SignedIn(ada, current, true), bobs.token()))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo("SESSION_NOT_FOUND"));
            assertThatThrownBy(() -> manage.revoke(new SignedIn(ada, current, true), SessionToken.generate()))
                    .isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo("SESSION_NOT_FOUND"));
            assertThat(stored(bobs)).isPresent();
        }

        @Test
        void revoke_all_ends_every_session_of_the_user_and_no_one_elses() {
            Session current = open(ada, true);
            Session phone = open(ada, true);
            Session bobs = open(bob, true);

            manage.revokeAll(new SignedIn(ada, current, true));

            assertThat(stored(current)).isEmpty();
            assertThat(stored(phone)).isEmpty();
            assertThat(stored(bobs)).isPresent();
        }

        @Test
        void revoke_others_keeps_only_the_callers_session() {
            Session current = open(ada, true);
            Session phone = open(ada, true);
            Session bobs = open(bob, true);

            manage.revokeOthers(new SignedIn(ada, current, true));

            assertThat(store.sessionRepository.findByUser(ada.id())).extracting(Session::id).containsExactly(current.id());
            assertThat(stored(phone)).isEmpty();
            assertThat(stored(bobs)).isPresent();
        }
    }

    @Nested
    class SignOutTest {

        @Test
        void signing_out_deletes_the_session_and_again_is_no_error() {
            Session session = open(ada, true);
            Session other = open(ada, true);

            signOut.handle(session.token());
            signOut.handle(session.token());

            assertThat(stored(session)).isEmpty();
            assertThat(stored(other)).isPresent();
        }
    }

    @Nested
    class PurgeExpiredAuthRowsTest {

        @Test
        void expired_sessions_and_verification_rows_go_live_ones_stay() {
            Session expiring = open(ada, false);
            Session live = open(ada, true);
            store.verificationRepository.add(Verification.issue("magic-link:old", "{}", Duration.ofMinutes(5), clock.instant()));
            Verification fresh = Verification.issue("reset-password:new", ada.id().value(), Duration.ofDays(2), clock.instant());
            store.verificationRepository.add(fresh);
            clock.advance(Duration.ofDays(1).plusSeconds(1));

            PurgeExpiredAuthRows.Purged purged = purge.handle();

            assertThat(purged).isEqualTo(new PurgeExpiredAuthRows.Purged(1, 1, 0));
            assertThat(stored(expiring)).isEmpty();
            assertThat(stored(live)).isPresent();
            assertThat(store.verificationRepository.findByIdentifier("magic-link:old")).isEmpty();
            assertThat(store.verificationRepository.findByIdentifier("reset-password:new")).contains(fresh);
            assertThat(purge.handle()).isEqualTo(new PurgeExpiredAuthRows.Purged(0, 0, 0));
        }

        @Test
        void a_backlog_larger_than_a_batch_is_purged_in_one_run() {
            int backlog = PurgeExpiredAuthRows.BATCH * 2 + 1;
            for (int i = 0; i < backlog; i++) {
                open(ada, false);
                store.verificationRepository.add(Verification.issue("otp-" + i, "x", Duration.ofMinutes(5), clock.instant()));
            }
            for (int i = 0; i < PurgeExpiredAuthRows.BATCH; i++) { // exactly one full batch of verifications more
                store.verificationRepository.add(Verification.issue("more-" + i, "x", Duration.ofMinutes(5), clock.instant()));
            }
            clock.advance(Duration.ofDays(2));

            assertThat(purge.handle()).isEqualTo(new PurgeExpiredAuthRows.Purged(backlog, backlog + PurgeExpiredAuthRows.BATCH, 0));
            assertThat(store.sessionRepository.findByUser(ada.id())).isEmpty();
        }

        @Test
        void rate_limit_counters_idle_for_longer_than_the_longest_window_go() {
            RateLimitRule rule = new RateLimitRule(3, Duration.ofSeconds(10));
            int backlog = PurgeExpiredAuthRows.BATCH + 7;
            for (int i = 0; i < backlog; i++) {
                store.rateLimitCounters.consume("198.51.100.1|/sign-in/email-" + i, rule, clock.instant());
            }
            clock.advance(Duration.ofSeconds(30));
            store.rateLimitCounters.consume("198.51.100.2|/sign-in/email", rule, clock.instant());
            clock.advance(Duration.ofSeconds(31));

            assertThat(purge.handle()).isEqualTo(new PurgeExpiredAuthRows.Purged(0, 0, backlog));
            assertThat(store.rateLimitCounters.size()).as("31 s idle is within the 60-s window").isEqualTo(1);
        }
    }
}
