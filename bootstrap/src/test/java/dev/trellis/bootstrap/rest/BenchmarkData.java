package dev.trellis.bootstrap.rest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The benchmarks' data, made with SQL ({@code generate_series}) rather than through the API: users
 * with their profile, settings and one live session each (token {@link #sessionToken}), tags, and
 * items with one to three tags.
 */
final class BenchmarkData {

    private BenchmarkData() {
    }

    /** The session token of user n, as {@link #loadUsersTagsAndSessions} stores it. */
    static String sessionToken(int user) {
        return "benchtoken" + String.format(Locale.ROOT, "%022d", user);
    }

    static String userId(int n) {
        return "usr_" + String.format(Locale.ROOT, "%012d", n);
    }

    static String tagId(int n) {
        return "tag_" + String.format(Locale.ROOT, "%08d", n);
    }

    static void loadUsersTagsAndSessions(DataSource dataSource, int users, int tags) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // Users the ordinary way: the user_defaults trigger makes each one's profile and settings
            // (and user_events an outbox event each, as for any user made outside the use cases).
            statement.executeUpdate("""
                    insert into "user" (id, name, email, email_verified, created_at, updated_at)
                    select 'usr_' || lpad(g::text, 12, '0'), 'Bench User ' || g, 'bench-' || g || '@example.com', true,
                           now() - interval '400 days', now() - interval '400 days'
                    from generate_series(1, %d) g""".formatted(users));
            statement.executeUpdate("""
                    insert into tags (id, name, color, created_at)
                    select 'tag_' || lpad(t::text, 8, '0'), 'Tag ' || t, '#' || lpad(to_hex(t * 5003), 6, '0'),
                           now() - interval '400 days'
                    from generate_series(1, %d) t""".formatted(tags));
            // One live session per user, as a busy site has; the clients use some of them.
            statement.executeUpdate("""
                    insert into session (id, expires_at, token, created_at, updated_at, ip_address, user_agent, user_id)
                    select 'ses_bench' || lpad(g::text, 19, '0'), now() + interval '7 days', 'benchtoken' || lpad(g::text, 22, '0'),
                           now(), now(), '127.0.0.1', 'Benchmark', 'usr_' || lpad(g::text, 12, '0')
                    from generate_series(1, %d) g""".formatted(users));
            connection.commit();
        }
    }

    /**
     * Items {@code from..to}: item g belongs to user {@code 1 + (g - 1) % users}, so the first {@code users}
     * items are one per user; created over the past year, half published, 30% drafts, 20% archived;
     * one, two or three tags (two on average). Triggers are off for the bulk insert (replica role):
     * the outbox stays free of a million events, and the foreign keys hold by construction.
     */
    static void loadItems(DataSource dataSource, int from, int to, int users, int tags) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local session_replication_role = replica");
            statement.execute("select setseed(" + (from % 1000) / 1000.0 + ")");
            statement.executeUpdate("""
                    insert into items (id, user_id, title, description, content, status, created_at, updated_at, version)
                    select 'itm_' || lpad(g::text, 12, '0'), 'usr_' || lpad((1 + (g - 1) %% %d)::text, 12, '0'),
                           'Item ' || g, 'Synthetic item number ' || g,
                           case when g %% 3 = 0 then null else 'Some content for item ' || g || ', as long as a short note is.' end,
                           (case when r < 0.5 then 'published' when r < 0.8 then 'draft' else 'archived' end)::item_status,
                           at, at, 0
                    from (select g, random() as r, now() - random() * interval '365 days' as at
                          from generate_series(%d, %d) g) s""".formatted(users, from, to));
            statement.executeUpdate("""
                    insert into item_tags (item_id, tag_id)
                    select 'itm_' || lpad(s.g::text, 12, '0'), 'tag_' || lpad((1 + (s.b + k * 17) %% %d)::text, 8, '0')
                    from (select g, floor(random() * %d)::int as b,
                                 case when r < 0.25 then 1 when r < 0.75 then 2 else 3 end as n
                          from (select g, random() as r from generate_series(%d, %d) g) x) s
                    cross join lateral generate_series(0, s.n - 1) k
                    on conflict do nothing""".formatted(tags, tags, from, to));
            connection.commit();
        }
    }

    static void vacuumAnalyze(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) items, item_tags, tags, \"user\", session, user_profile, user_settings");
        }
    }
}
