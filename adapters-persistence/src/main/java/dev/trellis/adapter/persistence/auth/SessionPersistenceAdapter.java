package dev.trellis.adapter.persistence.auth;

import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.user.SessionId;
import dev.trellis.domain.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Better Auth's {@code session} table, which a Better Auth server may write too: plain SQL over its
 * own columns only. Lookups by token use the unique index {@code session_token_key}, a user's
 * sessions {@code session_userId_idx}, the cleanup {@code session_expires_at_idx}.
 */
public class SessionPersistenceAdapter implements SessionRepository {

    private static final String COLUMNS = "id, token, user_id, expires_at, created_at, updated_at, ip_address, user_agent";

    private final JdbcClient jdbc;

    public SessionPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Session session) {
        translate(() -> jdbc.sql("insert into session (" + COLUMNS + """
                        ) values (:id, :token, :userId, :expiresAt, :createdAt, :updatedAt, :ipAddress, :userAgent)""")
                .param("id", session.id().value())
                .param("token", session.token().value())
                .param("userId", session.userId().value())
                .param("expiresAt", utc(session.expiresAt()))
                .param("createdAt", utc(session.createdAt()))
                .param("updatedAt", utc(session.updatedAt()))
                .param("ipAddress", session.ipAddress())
                .param("userAgent", session.userAgent())
                .update());
    }

    @Override
    public Optional<Session> findByToken(SessionToken token) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from session where token = :token")
                .param("token", token.value())
                .query((rs, n) -> session(rs))
                .optional());
    }

    @Override
    public List<Session> findByUser(UserId user) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from session where user_id = :userId order by created_at desc, id desc")
                .param("userId", user.value())
                .query((rs, n) -> session(rs))
                .list());
    }

    @Override
    public void extend(Session session) {
        translate(() -> jdbc.sql("update session set expires_at = :expiresAt, updated_at = :updatedAt where id = :id")
                .param("id", session.id().value())
                .param("expiresAt", utc(session.expiresAt()))
                .param("updatedAt", utc(session.updatedAt()))
                .update());
    }

    @Override
    public boolean removeByToken(SessionToken token) {
        return translate(() -> jdbc.sql("delete from session where token = :token").param("token", token.value()).update() > 0);
    }

    @Override
    public int removeByUserExcept(UserId user, SessionToken keep) {
        if (keep == null) {
            return translate(() -> jdbc.sql("delete from session where user_id = :userId").param("userId", user.value()).update());
        }
        return translate(() -> jdbc.sql("delete from session where user_id = :userId and token <> :keep")
                .param("userId", user.value())
                .param("keep", keep.value())
                .update());
    }

    /**
     * One bounded batch through {@code session_expires_at_idx}. Rows another transaction holds (a
     * concurrent cleanup, or a refresh in progress) are skipped rather than waited for, so that
     * concurrent cleaners delete disjoint batches.
     */
    @Override
    public int removeExpired(Instant now, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return translate(() -> jdbc.sql("""
                        delete from session where id in (
                            select id from session where expires_at < :now order by expires_at limit :limit
                            for update skip locked)""")
                .param("now", utc(now))
                .param("limit", limit)
                .update());
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(new SessionId(rs.getString("id")), new SessionToken(rs.getString("token")),
                new UserId(rs.getString("user_id")), instant(rs, "expires_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"), rs.getString("ip_address"), rs.getString("user_agent"));
    }
}
