package dev.trellis.domain.auth;

import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Better Auth's {@code session} table. Port; adapters implement it. */
public interface SessionRepository {

    void add(Session session);

    /** One indexed lookup by the unique token. */
    Optional<Session> findByToken(SessionToken token);

    /** A user's sessions, newest first. */
    List<Session> findByUser(UserId user);

    /** Writes {@code expiresAt} and {@code updatedAt} (the sliding refresh). */
    void extend(Session session);

    boolean removeByToken(SessionToken token);

    /** Removes every session of the user except {@code keep} (none when null); returns how many. */
    int removeByUserExcept(UserId user, SessionToken keep);

    /** Deletes sessions that expired before {@code now}, at most {@code limit}; returns how many. */
    int removeExpired(Instant now, int limit);
}
