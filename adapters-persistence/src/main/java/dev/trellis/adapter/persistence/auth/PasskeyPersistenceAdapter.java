package dev.trellis.adapter.persistence.auth;

import dev.trellis.application.auth.passkey.Passkey;
import dev.trellis.application.auth.passkey.PasskeyRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Better Auth's {@code passkey} table, which a Better Auth server with the {@code passkey} plugin may
 * write too: plain SQL over its own columns only.
 */
public class PasskeyPersistenceAdapter implements PasskeyRepository {

    private static final String COLUMNS =
            "id, name, public_key, user_id, credential_id, counter, device_type, backed_up, transports, created_at, aaguid";

    private final JdbcClient jdbc;

    public PasskeyPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Passkey> ownedBy(String userId) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from passkey where user_id = :userId order by created_at, id")
                .param("userId", userId)
                .query((rs, n) -> passkey(rs))
                .list());
    }

    @Override
    public Optional<Passkey> findById(String id) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from passkey where id = :id")
                .param("id", id)
                .query((rs, n) -> passkey(rs))
                .optional());
    }

    @Override
    public Optional<Passkey> findByCredentialId(String credentialId) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from passkey where credential_id = :credentialId limit 1")
                .param("credentialId", credentialId)
                .query((rs, n) -> passkey(rs))
                .optional());
    }

    @Override
    public void add(Passkey passkey) {
        translate(() -> jdbc.sql("insert into passkey (" + COLUMNS + """
                        ) values (:id, :name, :publicKey, :userId, :credentialId, :counter, :deviceType, :backedUp,
                                  :transports, :createdAt, :aaguid)""")
                .param("id", passkey.id())
                .param("name", passkey.name())
                .param("publicKey", passkey.publicKey())
                .param("userId", passkey.userId())
                .param("credentialId", passkey.credentialId())
                .param("counter", passkey.counter())
                .param("deviceType", passkey.deviceType())
                .param("backedUp", passkey.backedUp())
                .param("transports", passkey.transports())
                .param("createdAt", utc(passkey.createdAt()))
                .param("aaguid", passkey.aaguid())
                .update());
    }

    @Override
    public void updateCounter(String id, long counter) {
        translate(() -> jdbc.sql("update passkey set counter = :counter where id = :id")
                .param("counter", counter).param("id", id).update());
    }

    @Override
    public void rename(String id, String name) {
        translate(() -> jdbc.sql("update passkey set name = :name where id = :id")
                .param("name", name).param("id", id).update());
    }

    @Override
    public void remove(String id) {
        translate(() -> jdbc.sql("delete from passkey where id = :id").param("id", id).update());
    }

    private static Passkey passkey(ResultSet rs) throws SQLException {
        return new Passkey(rs.getString("id"), rs.getString("name"), rs.getString("user_id"), rs.getString("credential_id"),
                rs.getString("public_key"), rs.getLong("counter"), rs.getString("device_type"), rs.getBoolean("backed_up"),
                rs.getString("transports"), instant(rs, "created_at"), rs.getString("aaguid"));
    }
}
