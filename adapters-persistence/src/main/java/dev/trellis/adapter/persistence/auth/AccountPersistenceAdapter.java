package dev.trellis.adapter.persistence.auth;

import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountId;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.trellis.adapter.persistence.PostgresErrors.translate;
import static dev.trellis.adapter.persistence.SqlRows.instant;
import static dev.trellis.adapter.persistence.SqlRows.utc;

/**
 * Better Auth's {@code account} table, which a Better Auth server may write too: plain SQL over its
 * own columns only. Better Auth makes no unique constraint on (provider, account id); should a
 * shared database hold two such rows, the oldest is the one read.
 */
public class AccountPersistenceAdapter implements AccountRepository {

    private static final String COLUMNS = """
            id, account_id, provider_id, user_id, access_token, refresh_token, id_token, access_token_expires_at,
            refresh_token_expires_at, scope, password, created_at, updated_at""";

    private final JdbcClient jdbc;

    public AccountPersistenceAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Account account) {
        translate(() -> jdbc.sql("insert into account (" + COLUMNS + """
                        ) values (:id, :accountId, :providerId, :userId, :accessToken, :refreshToken, :idToken,
                                  :accessTokenExpiresAt, :refreshTokenExpiresAt, :scope, :password, :createdAt, :updatedAt)""")
                .param("id", account.id().value())
                .param("accountId", account.accountId())
                .param("providerId", account.providerId())
                .param("userId", account.userId().value())
                .param("accessToken", account.accessToken())
                .param("refreshToken", account.refreshToken())
                .param("idToken", account.idToken())
                .param("accessTokenExpiresAt", utc(account.accessTokenExpiresAt()))
                .param("refreshTokenExpiresAt", utc(account.refreshTokenExpiresAt()))
                .param("scope", account.scope())
                .param("password", account.password())
                .param("createdAt", utc(account.createdAt()))
                .param("updatedAt", utc(account.updatedAt()))
                .update());
    }

    @Override
    public Optional<Account> findCredential(UserId user) {
        return translate(() -> jdbc.sql("select " + COLUMNS + """
                         from account where user_id = :userId and provider_id = :credential
                        order by created_at, id limit 1""")
                .param("userId", user.value())
                .param("credential", Account.CREDENTIAL)
                .query((rs, n) -> account(rs))
                .optional());
    }

    @Override
    public Optional<Account> findByProvider(String providerId, String accountId) {
        return translate(() -> jdbc.sql("select " + COLUMNS + """
                         from account where provider_id = :providerId and account_id = :accountId
                        order by created_at, id limit 1""")
                .param("providerId", providerId)
                .param("accountId", accountId)
                .query((rs, n) -> account(rs))
                .optional());
    }

    @Override
    public List<Account> findByUser(UserId user) {
        return translate(() -> jdbc.sql("select " + COLUMNS + " from account where user_id = :userId order by created_at, id")
                .param("userId", user.value())
                .query((rs, n) -> account(rs))
                .list());
    }

    /** Writes every column but the id, the owner and the creation time. */
    @Override
    public void update(Account account) {
        translate(() -> jdbc.sql("""
                        update account set account_id = :accountId, provider_id = :providerId, access_token = :accessToken,
                                           refresh_token = :refreshToken, id_token = :idToken,
                                           access_token_expires_at = :accessTokenExpiresAt,
                                           refresh_token_expires_at = :refreshTokenExpiresAt, scope = :scope,
                                           password = :password, updated_at = :updatedAt
                        where id = :id""")
                .param("id", account.id().value())
                .param("accountId", account.accountId())
                .param("providerId", account.providerId())
                .param("accessToken", account.accessToken())
                .param("refreshToken", account.refreshToken())
                .param("idToken", account.idToken())
                .param("accessTokenExpiresAt", utc(account.accessTokenExpiresAt()))
                .param("refreshTokenExpiresAt", utc(account.refreshTokenExpiresAt()))
                .param("scope", account.scope())
                .param("password", account.password())
                .param("updatedAt", utc(account.updatedAt()))
                .update());
    }

    @Override
    public boolean remove(AccountId id) {
        return translate(() -> jdbc.sql("delete from account where id = :id").param("id", id.value()).update() > 0);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(new AccountId(rs.getString("id")), rs.getString("account_id"), rs.getString("provider_id"),
                new UserId(rs.getString("user_id")), rs.getString("access_token"), rs.getString("refresh_token"),
                rs.getString("id_token"), instant(rs, "access_token_expires_at"), instant(rs, "refresh_token_expires_at"),
                rs.getString("scope"), rs.getString("password"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
