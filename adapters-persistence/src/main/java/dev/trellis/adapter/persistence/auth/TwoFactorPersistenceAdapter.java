package dev.trellis.adapter.persistence.auth;

import dev.trellis.application.auth.twofactor.TwoFactorRecord;
import dev.trellis.application.auth.twofactor.TwoFactorRepository;
import dev.trellis.domain.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Better Auth's {@code two_factor} table and {@code "user".two_factor_enabled}, which a Better Auth
 * server with the {@code twoFactor} plugin writes too: plain SQL over their own columns only. A null
 * {@code verified} counts as verified and a null failure count as zero, as Better Auth reads them.
 */
public class TwoFactorPersistenceAdapter implements TwoFactorRepository {

    private static final String COLUMNS = "id, secret, backup_codes, user_id, verified, failed_verification_count, locked_until";

    private final JdbcClient jdbc;

    public TwoFactorPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TwoFactorRecord> findByUser(UserId user) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from two_factor where user_id = :user order by id limit 1")
                .param("user", user.value())
                .query((rs, n) -> record(rs))
                .optional());
    }

    @Override
    public void add(TwoFactorRecord record) {
        translate(() -> jdbc.sql("insert into two_factor (" + COLUMNS + """
                        ) values (:id, :secret, :backupCodes, :user, :verified, :failures, :lockedUntil)""")
                .param("id", record.id())
                .param("secret", record.secret())
                .param("backupCodes", record.backupCodes())
                .param("user", record.userId().value())
                .param("verified", record.verified())
                .param("failures", record.failedVerificationCount())
                .param("lockedUntil", utc(record.lockedUntil()))
                .update());
    }

    @Override
    public void update(TwoFactorRecord record) {
        translate(() -> jdbc.sql("""
                        update two_factor set secret = :secret, backup_codes = :backupCodes, verified = :verified
                        where id = :id""")
                .param("id", record.id())
                .param("secret", record.secret())
                .param("backupCodes", record.backupCodes())
                .param("verified", record.verified())
                .update());
    }

    @Override
    public boolean replaceBackupCodes(String id, String expected, String replacement) {
        return translate(() -> jdbc.sql("update two_factor set backup_codes = :replacement where id = :id and backup_codes = :expected")
                .param("id", id)
                .param("expected", expected)
                .param("replacement", replacement)
                .update()) == 1;
    }

    @Override
    public int countFailure(String id) {
        return translate(() -> jdbc.sql("""
                        update two_factor set failed_verification_count = coalesce(failed_verification_count, 0) + 1
                        where id = :id returning failed_verification_count""")
                .param("id", id)
                .query(Integer.class)
                .optional()
                .orElse(0));
    }

    @Override
    public void lockUntil(String id, Instant until) {
        translate(() -> jdbc.sql("update two_factor set locked_until = :until where id = :id")
                .param("id", id)
                .param("until", utc(until))
                .update());
    }

    @Override
    public void clearFailures(String id) {
        translate(() -> jdbc.sql("update two_factor set failed_verification_count = 0, locked_until = null where id = :id")
                .param("id", id)
                .update());
    }

    @Override
    public void removeByUser(UserId user) {
        translate(() -> jdbc.sql("delete from two_factor where user_id = :user").param("user", user.value()).update());
    }

    @Override
    public boolean isEnabled(UserId user) {
        return translate(() -> jdbc.sql("select coalesce(two_factor_enabled, false) from \"user\" where id = :user")
                .param("user", user.value())
                .query(Boolean.class)
                .optional()
                .orElse(false));
    }

    @Override
    public void setEnabled(UserId user, boolean enabled) {
        translate(() -> jdbc.sql("update \"user\" set two_factor_enabled = :enabled, updated_at = now() where id = :user")
                .param("user", user.value())
                .param("enabled", enabled)
                .update());
    }

    private static TwoFactorRecord record(ResultSet rs) throws SQLException {
        Boolean verified = (Boolean) rs.getObject("verified");
        return new TwoFactorRecord(rs.getString("id"), new UserId(rs.getString("user_id")), rs.getString("secret"),
                rs.getString("backup_codes"), verified == null || verified, rs.getInt("failed_verification_count"),
                instant(rs, "locked_until"));
    }
}
