package dev.trellis.bootstrap;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.bootstrap.command.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
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

    @Test
    void seeding_never_starts_a_relay_even_where_the_environment_turns_it_on(@TempDir Path dataDir) throws Exception {
        DataSource database = TestPostgres.freshDatabase("seed_without_relay");
        String url = "--spring.datasource.url=" + TestPostgres.server().getJdbcUrl("postgres", "seed_without_relay");
        // what TRELLIS_RELAY_ENABLED=true in the environment does; a system property outranks the same setting there
        System.setProperty("trellis.relay.enabled", "true");
        try {
            assertThat(Commands.of(TrellisApplication.class).run(new String[]{"seed", url, "--spring.datasource.username=postgres",
                    "--trellis.data-dir=" + dataDir, "--trellis.embedded-kafka.port=0"}))
                    .as("exit status").isZero();
        } finally {
            System.clearProperty("trellis.relay.enabled");
        }

        assertThat(snapshot(database)).contains("demo@example.com");
        assertThat(dataDir.resolve("kafka")).as("the relay's embedded broker's folder").doesNotExist();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select count(*) from pg_replication_slots where database = current_database()")) {
            rs.next();
            assertThat(rs.getInt(1)).as("replication slots made for this database").isZero();
        }
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
