package dev.trellis.adapter.persistence.auth;

import dev.trellis.application.auth.jwt.SigningKey;
import dev.trellis.application.auth.jwt.SigningKeyRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Better Auth's {@code jwks} table, which a Better Auth server with the {@code jwt} plugin may write
 * too: plain SQL over its own columns only. It holds a handful of rows, read whole.
 */
public class SigningKeyPersistenceAdapter implements SigningKeyRepository {

    private static final String COLUMNS = "id, public_key, private_key, created_at, expires_at, alg, crv";

    private final JdbcClient jdbc;

    public SigningKeyPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SigningKey> all() {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from jwks order by created_at, id")
                .query((rs, n) -> signingKey(rs))
                .list());
    }

    @Override
    public void add(SigningKey key) {
        translate(() -> jdbc.sql("insert into jwks (" + COLUMNS + """
                        ) values (:id, :publicKey, :privateKey, :createdAt, :expiresAt, :alg, :crv)""")
                .param("id", key.id())
                .param("publicKey", key.publicKey())
                .param("privateKey", key.privateKey())
                .param("createdAt", utc(key.createdAt()))
                .param("expiresAt", utc(key.expiresAt()))
                .param("alg", key.alg())
                .param("crv", key.crv())
                .update());
    }

    private static SigningKey signingKey(ResultSet rs) throws SQLException {
        return new SigningKey(rs.getString("id"), rs.getString("public_key"), rs.getString("private_key"),
                instant(rs, "created_at"), instant(rs, "expires_at"), rs.getString("alg"), rs.getString("crv"));
    }
}
