package dev.trellis.bootstrap;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar trellis-app.jar seed} migrates and seeds any database, idempotently, and exits. */
class SeedCommandTest {

    @Test
    void seeds_a_given_database_and_a_second_run_changes_nothing() throws Exception {
        DataSource database = TestPostgres.freshDatabase("seed_command");
        String url = "--spring.datasource.url=" + TestPostgres.server().getJdbcUrl("postgres", "seed_command");

        TrellisApplication.main(new String[]{"seed", url, "--spring.datasource.username=postgres"});
        String first = snapshot(database);
        TrellisApplication.main(new String[]{"seed", url, "--spring.datasource.username=postgres"});

        assertThat(snapshot(database)).isEqualTo(first);
        assertThat(first).contains("demo@example.com").contains("First Item").contains("Draft Item");
    }

    private static String snapshot(DataSource database) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select (select string_agg(u::text, ';' order by u.id) from "user" u)
                         || (select string_agg(t::text, ';' order by t.id) from tags t)
                         || (select string_agg(i::text, ';' order by i.id) from items i)
                         || (select string_agg(it::text, ';' order by it::text) from item_tags it)
                         || (select string_agg(s::text, ';' order by s.user_id) from user_settings s)""")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
