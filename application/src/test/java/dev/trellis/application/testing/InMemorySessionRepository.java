package dev.trellis.application.testing;

import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemorySessionRepository implements SessionRepository {

    private static final Comparator<Session> NEWEST_FIRST = Comparator.comparing(Session::createdAt)
            .thenComparing(session -> session.id().value()).reversed();

    private final InMemoryStore store;

    InMemorySessionRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(Session session) {
        if (store.sessions.containsKey(session.id())) {
            throw new DataAccessFailure.DuplicateValue("session_pkey", null);
        }
        if (findByToken(session.token()).isPresent()) {
            throw new DataAccessFailure.DuplicateValue("session_token_key", null);
        }
        if (!store.users.containsKey(session.userId())) {
            throw new DataAccessFailure.MissingReference("session_user_id_fkey", null);
        }
        store.sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> findByToken(SessionToken token) {
        return store.sessions.values().stream().filter(session -> session.token().equals(token)).findFirst();
    }

    @Override
    public List<Session> findByUser(UserId user) {
        return store.sessions.values().stream().filter(session -> session.userId().equals(user)).sorted(NEWEST_FIRST).toList();
    }

    @Override
    public void extend(Session session) {
        store.sessions.computeIfPresent(session.id(), (id, current) -> new Session(current.id(), current.token(),
                current.userId(), session.expiresAt(), current.createdAt(), session.updatedAt(), current.ipAddress(),
                current.userAgent()));
    }

    @Override
    public boolean removeByToken(SessionToken token) {
        return store.sessions.values().removeIf(session -> session.token().equals(token));
    }

    @Override
    public int removeByUserExcept(UserId user, SessionToken keep) {
        List<Session> doomed = store.sessions.values().stream()
                .filter(session -> session.userId().equals(user) && !session.token().equals(keep))
                .toList();
        doomed.forEach(session -> store.sessions.remove(session.id()));
        return doomed.size();
    }

    @Override
    public int removeExpired(Instant now, int limit) {
        List<Session> doomed = store.sessions.values().stream()
                .filter(session -> session.expiresAt().isBefore(now))
                .sorted(Comparator.comparing(Session::expiresAt))
                .limit(Math.max(limit, 0))
                .toList();
        doomed.forEach(session -> store.sessions.remove(session.id()));
        return doomed.size();
    }
}
