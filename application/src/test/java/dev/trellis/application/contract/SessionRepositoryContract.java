package dev.trellis.application.contract;

import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.user.SessionId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class SessionRepositoryContract extends AuthPortContract {

    @Test
    void a_session_reads_back_by_token_with_every_field() {
        User user = aUser();
        Session session = newSession(user, Duration.ofDays(7));

        auth.sessions().add(session);

        assertThat(auth.sessions().findByToken(session.token())).contains(session);
        assertThat(auth.sessions().findByToken(SessionToken.generate())).isEmpty();
    }

    @Test
    void timestamps_keep_their_milliseconds_and_missing_ip_and_agent_read_as_null() {
        User user = aUser();
        Instant at = Instant.parse("2026-03-01T10:20:30.456Z");
        Session session = new Session(SessionId.generate(), SessionToken.generate(), user.id(),
                Instant.parse("2026-03-08T10:20:30.789Z"), at, Instant.parse("2026-03-01T10:20:31.001Z"), null, null);

        auth.sessions().add(session);

        assertThat(auth.sessions().findByToken(session.token())).contains(session);
    }

    @Test
    void a_session_opened_by_the_domain_reads_back() {
        User user = aUser();
        Session session = Session.open(user.id(), Duration.ofDays(1), tick().plusNanos(456_789), "2001:db8::1", "curl/8.5");

        auth.sessions().add(session);

        assertThat(auth.sessions().findByToken(session.token())).contains(session);
        assertThat(auth.sessions().findByUser(user.id())).containsExactly(session);
    }

    @Test
    void better_auth_style_ids_and_token_are_stored_and_read() {
        User user = aUser(new UserId("Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp"));
        Instant at = tick();
        Session session = new Session(new SessionId(BETTER_AUTH_ID), new SessionToken(BETTER_AUTH_TOKEN), user.id(),
                at.plus(Duration.ofDays(7)), at, at, "127.0.0.1", "node");

        auth.sessions().add(session);

        assertThat(auth.sessions().findByToken(new SessionToken(BETTER_AUTH_TOKEN))).contains(session);
        assertThat(auth.sessions().findByUser(user.id())).containsExactly(session);
    }

    @Test
    void a_token_and_an_id_are_written_once() {
        User user = aUser();
        Session session = aSession(user);
        Session sameToken = new Session(SessionId.generate(), session.token(), user.id(), session.expiresAt(),
                session.createdAt(), session.updatedAt(), null, null);
        Session sameId = new Session(session.id(), SessionToken.generate(), user.id(), session.expiresAt(),
                session.createdAt(), session.updatedAt(), null, null);

        assertThatThrownBy(() -> auth.sessions().add(sameToken)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThatThrownBy(() -> auth.sessions().add(sameId)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThat(auth.sessions().findByUser(user.id())).containsExactly(session);
        assertThat(auth.sessions().findByToken(sameId.token())).isEmpty();
    }

    @Test
    void an_unknown_user_is_a_missing_reference() {
        User user = aUser();
        Session template = newSession(user, Duration.ofDays(7));
        Session orphan = new Session(template.id(), template.token(), UserId.generate(), template.expiresAt(),
                template.createdAt(), template.updatedAt(), null, null);

        assertThatThrownBy(() -> auth.sessions().add(orphan)).isInstanceOf(DataAccessFailure.MissingReference.class);
        assertThat(auth.sessions().findByToken(orphan.token())).isEmpty();
    }

    @Test
    void a_users_sessions_list_newest_first() {
        User user = aUser();
        User other = aUser();
        Session first = newSession(user, Duration.ofDays(7));
        Session second = newSession(user, Duration.ofDays(7));
        Session third = newSession(user, Duration.ofDays(7));
        auth.sessions().add(second);
        auth.sessions().add(third);
        auth.sessions().add(first);
        aSession(other);

        assertThat(auth.sessions().findByUser(user.id())).containsExactly(third, second, first);
        assertThat(auth.sessions().findByUser(UserId.generate())).isEmpty();
    }

    @Test
    void sessions_created_in_the_same_millisecond_list_by_id_descending() {
        User user = aUser();
        Instant at = tick();
        Session a = new Session(new SessionId("ses_aaaaaaaaaaaaaaaaaaaaaaaa"), SessionToken.generate(), user.id(),
                at.plus(Duration.ofDays(1)), at, at, null, null);
        Session b = new Session(new SessionId("ses_bbbbbbbbbbbbbbbbbbbbbbbb"), SessionToken.generate(), user.id(),
                at.plus(Duration.ofDays(1)), at, at, null, null);
        auth.sessions().add(a);
        auth.sessions().add(b);

        assertThat(auth.sessions().findByUser(user.id())).containsExactly(b, a);
    }

    @Test
    void extend_writes_the_expiry_and_updated_at_and_nothing_else() {
        User user = aUser();
        Session session = aSession(user);
        Instant later = tick();
        Session refreshed = session.refreshed(later, Duration.ofDays(7));
        Session changedElsewhere = new Session(refreshed.id(), refreshed.token(), refreshed.userId(), refreshed.expiresAt(),
                later, refreshed.updatedAt(), "198.51.100.7", "other agent");

        auth.sessions().extend(changedElsewhere);

        Session stored = auth.sessions().findByToken(session.token()).orElseThrow();
        assertThat(stored).isEqualTo(refreshed);
        assertThat(stored.expiresAt()).isEqualTo(later.plus(Duration.ofDays(7)));
        assertThat(stored.updatedAt()).isEqualTo(later);
        assertThat(stored.createdAt()).isEqualTo(session.createdAt());
    }

    @Test
    void extending_a_removed_session_changes_nothing() {
        User user = aUser();
        Session session = aSession(user);
        auth.sessions().removeByToken(session.token());

        auth.sessions().extend(session.refreshed(tick(), Duration.ofDays(7)));

        assertThat(auth.sessions().findByToken(session.token())).isEmpty();
    }

    @Test
    void remove_by_token_removes_that_session_once() {
        User user = aUser();
        Session gone = aSession(user);
        Session kept = aSession(user);

        assertThat(auth.sessions().removeByToken(gone.token())).isTrue();
        assertThat(auth.sessions().removeByToken(gone.token())).isFalse();

        assertThat(auth.sessions().findByToken(gone.token())).isEmpty();
        assertThat(auth.sessions().findByUser(user.id())).containsExactly(kept);
    }

    @Test
    void remove_by_user_except_keeps_the_given_session_and_other_users_sessions() {
        User user = aUser();
        User other = aUser();
        Session first = aSession(user);
        Session current = aSession(user);
        aSession(user);
        Session others = aSession(other);

        assertThat(auth.sessions().removeByUserExcept(user.id(), current.token())).isEqualTo(2);

        assertThat(auth.sessions().findByUser(user.id())).containsExactly(current);
        assertThat(auth.sessions().findByToken(first.token())).isEmpty();
        assertThat(auth.sessions().findByUser(other.id())).containsExactly(others);
        assertThat(auth.sessions().removeByUserExcept(user.id(), current.token())).isZero();
    }

    @Test
    void remove_by_user_except_null_removes_all_of_the_users_sessions() {
        User user = aUser();
        User other = aUser();
        aSession(user);
        aSession(user);
        Session others = aSession(other);

        assertThat(auth.sessions().removeByUserExcept(user.id(), null)).isEqualTo(2);

        assertThat(auth.sessions().findByUser(user.id())).isEmpty();
        assertThat(auth.sessions().findByUser(other.id())).containsExactly(others);
    }

    @Test
    void remove_by_user_except_a_token_of_another_user_removes_all_of_the_users_sessions() {
        User user = aUser();
        User other = aUser();
        aSession(user);
        Session others = aSession(other);

        assertThat(auth.sessions().removeByUserExcept(user.id(), others.token())).isEqualTo(1);

        assertThat(auth.sessions().findByUser(user.id())).isEmpty();
        assertThat(auth.sessions().findByUser(other.id())).containsExactly(others);
    }

    @Test
    void removing_the_user_removes_their_sessions() {
        User user = aUser();
        User other = aUser();
        Session session = aSession(user);
        Session others = aSession(other);

        assertThat(auth.users().remove(user.id())).isTrue();

        assertThat(auth.sessions().findByToken(session.token())).isEmpty();
        assertThat(auth.sessions().findByUser(user.id())).isEmpty();
        assertThat(auth.sessions().findByToken(others.token())).contains(others);
    }

    @Test
    void remove_expired_deletes_sessions_that_expired_strictly_before_now_in_batches_of_at_most_limit() {
        User user = aUser();
        Instant now = Instant.parse("2026-06-01T12:00:00.500Z");
        aSessionExpiringAt(user, now.minusSeconds(3));
        aSessionExpiringAt(user, now.minusSeconds(2));
        aSessionExpiringAt(user, now.minusMillis(1));
        Session expiringNow = aSessionExpiringAt(user, now);
        Session valid = aSessionExpiringAt(user, now.plusMillis(1));

        assertThat(auth.sessions().removeExpired(now, 2)).isEqualTo(2);
        assertThat(auth.sessions().findByUser(user.id())).hasSize(3);
        assertThat(auth.sessions().removeExpired(now, 2)).isEqualTo(1);
        assertThat(auth.sessions().removeExpired(now, 2)).isZero();

        assertThat(auth.sessions().findByUser(user.id())).containsExactlyInAnyOrder(expiringNow, valid);
    }
}
