package dev.trellis.adapter.persistence.auth;

import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Better Auth's {@code verification} table, which a Better Auth server may write too: plain SQL over
 * its own columns only. Lookups use {@code verification_identifier_idx}, the cleanup
 * {@code verification_expires_at_idx}.
 */
public class VerificationPersistenceAdapter implements VerificationRepository {

    private static final String COLUMNS = "id, identifier, value, expires_at, created_at, updated_at";

    private final JdbcClient jdbc;

    public VerificationPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Verification verification) {
        translate(() -> jdbc.sql("insert into verification (" + COLUMNS + """
                        ) values (:id, :identifier, :value, :expiresAt, :createdAt, :updatedAt)""")
                .param("id", verification.id())
                .param("identifier", verification.identifier())
                .param("value", verification.value())
                .param("expiresAt", utc(verification.expiresAt()))
                .param("createdAt", utc(verification.createdAt()))
                .param("updatedAt", utc(verification.updatedAt()))
                .update());
    }

    @Override
    public Optional<Verification> findByIdentifier(String identifier) {
        return translate(() -> jdbc.sql("select " + COLUMNS + """
                         from verification where identifier = :identifier
                        order by created_at desc, id desc limit 1""")
                .param("identifier", identifier)
                .query((rs, n) -> verification(rs))
                .optional());
    }

    @Override
    public void update(Verification verification) {
        translate(() -> jdbc.sql("update verification set value = :value, updated_at = :updatedAt where id = :id")
                .param("id", verification.id())
                .param("value", verification.value())
                .param("updatedAt", utc(verification.updatedAt()))
                .update());
    }

    /** A racing second delete waits for the first to commit and then finds no row: true exactly once. */
    @Override
    public boolean remove(String id) {
        return translate(() -> jdbc.sql("delete from verification where id = :id").param("id", id).update() > 0);
    }

    @Override
    public int removeByIdentifier(String identifier) {
        return translate(() -> jdbc.sql("delete from verification where identifier = :identifier")
                .param("identifier", identifier)
                .update());
    }

    /** One bounded batch through {@code verification_expires_at_idx}; rows another transaction holds are skipped. */
    @Override
    public int removeExpired(Instant now, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return translate(() -> jdbc.sql("""
                        delete from verification where id in (
                            select id from verification where expires_at < :now order by expires_at limit :limit
                            for update skip locked)""")
                .param("now", utc(now))
                .param("limit", limit)
                .update());
    }

    private static Verification verification(ResultSet rs) throws SQLException {
        return new Verification(rs.getString("id"), rs.getString("identifier"), rs.getString("value"),
                instant(rs, "expires_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
