package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.demo.DemoDataSeeder;
import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import dev.trellis.application.contract.Ports;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.item.ItemWithTags;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.LanguageTag;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.TimeZoneName;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's demo data: what one run writes, and that running it again changes nothing. */
@PostgresTest
class DemoDataSeederTest {

    static final List<String> TABLES = List.of("\"user\"", "session", "account", "verification", "user_profile",
            "user_settings", "items", "tags", "item_tags", "files", "outbox");

    @Autowired
    DemoDataSeeder seeder;
    @Autowired
    Ports ports;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyTables() {
        Tables.truncateAll(jdbc);
    }

    @Test
    void one_run_writes_the_demo_user_tags_and_items() {
        seeder.seed();

        User user = ports.users().findByEmail(new EmailAddress("demo@example.com")).orElseThrow();
        assertThat(user.name()).isEqualTo("Demo User");
        assertThat(user.emailVerified()).isTrue();
        UserDetails details = ports.users().findDetails(user.id()).orElseThrow();
        assertThat(details.settings().theme()).isEqualTo(Theme.SYSTEM);
        assertThat(details.settings().language()).isEqualTo(LanguageTag.ENGLISH);
        assertThat(details.settings().notificationsEnabled()).isTrue();
        assertThat(details.profile().timezone()).isEqualTo(TimeZoneName.UTC);
        assertThat(count("select count(*) from user_settings where user_id = '" + user.id().value() + "'")).isEqualTo(1);
        assertThat(count("select count(*) from user_profile where user_id = '" + user.id().value() + "'")).isEqualTo(1);

        assertThat(ports.tags().findAll()).extracting(tag -> tag.name().value() + " " + tag.color().value())
                .containsExactlyInAnyOrder("Important #ef4444", "Work #3b82f6", "Personal #22c55e");

        List<ItemWithTags> items = ports.items().findPage(ItemQuery.newestOf(user.id(), 10)).items();
        Map<String, String> byTitle = new LinkedHashMap<>();
        for (ItemWithTags item : items) {
            byTitle.put(item.item().title().value(), item.item().status() + " " + item.tags().stream().map(tag -> tag.name().value()).sorted().toList());
        }
        assertThat(byTitle).containsExactlyInAnyOrderEntriesOf(Map.of(
                "First Item", ItemStatus.PUBLISHED + " [Important, Work]",
                "Draft Item", ItemStatus.DRAFT + " [Personal]"));
        assertThat(count("select count(*) from \"user\"")).isEqualTo(1);
    }

    @Test
    void a_second_run_changes_nothing_in_any_table() {
        seeder.seed();
        Map<String, String> afterFirst = snapshot();

        seeder.seed();

        assertThat(snapshot()).isEqualTo(afterFirst);
        assertThat(afterFirst).as("row counts: the snapshot covers the demo rows")
                .hasEntrySatisfying("\"user\"", rows -> assertThat(rows).startsWith("1 "))
                .hasEntrySatisfying("user_profile", rows -> assertThat(rows).startsWith("1 "))
                .hasEntrySatisfying("user_settings", rows -> assertThat(rows).startsWith("1 "))
                .hasEntrySatisfying("tags", rows -> assertThat(rows).startsWith("3 "))
                .hasEntrySatisfying("items", rows -> assertThat(rows).startsWith("2 "))
                .hasEntrySatisfying("item_tags", rows -> assertThat(rows).startsWith("3 "));
    }

    @Test
    void a_second_run_does_not_undo_what_the_user_changed() {
        seeder.seed();
        Item first = ports.items().findPage(ItemQuery.newestOf(demoUser().id(), 10)).items().stream()
                .map(ItemWithTags::item).filter(item -> item.title().value().equals("First Item")).findFirst().orElseThrow();
        first.retitle(new ItemTitle("My renamed item"), Instant.parse("2026-05-01T09:00:00Z"));
        long version = ports.items().update(first);

        seeder.seed();

        Item reread = ports.items().findById(first.id()).orElseThrow();
        assertThat(reread.title().value()).isEqualTo("My renamed item");
        assertThat(reread.version()).isEqualTo(version);
        assertThat(count("select count(*) from items where title = 'First Item'")).isZero();
        assertThat(count("select count(*) from items")).isEqualTo(2);
    }

    @Test
    void a_run_after_the_demo_email_was_registered_again_under_another_id_succeeds_and_leaves_that_user_alone() {
        seeder.seed();
        // The demo user deletes the account and signs up again: same email, a new (Better Auth) id.
        jdbc.sql("delete from \"user\" where email = 'demo@example.com'").update();
        jdbc.sql("""
                        insert into "user" (id, name, email, email_verified, created_at, updated_at)
                        values ('Re9Re8Re7Re6Re5Re4Re3Re2Re1Re0Ab', 'Demo Again', 'demo@example.com', false, now(), now())""")
                .update();
        Map<String, String> before = snapshot();

        seeder.seed();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(demoUser().name()).isEqualTo("Demo Again");
    }

    @Test
    void what_the_user_deleted_stays_deleted() {
        seeder.seed();
        jdbc.sql("delete from items where id = 'itm_demodraft001'").update();
        jdbc.sql("delete from tags where id = 'tag_demoimpt'").update();
        Map<String, String> before = snapshot();

        seeder.seed();

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_tag_of_the_same_name_made_by_someone_else_is_linked_instead_of_duplicated() {
        jdbc.sql("insert into tags (id, name, color) values ('tag_otherwrk', 'Work', '#000000')").update();

        seeder.seed();

        assertThat(count("select count(*) from tags where name = 'Work'")).isEqualTo(1);
        assertThat(count("select count(*) from item_tags where item_id = 'itm_demofirst001' and tag_id = 'tag_otherwrk'")).isEqualTo(1);
        assertThat(count("select count(*) from item_tags")).isEqualTo(3);
    }

    private User demoUser() {
        return ports.users().findByEmail(new EmailAddress(DemoDataSeeder.DEMO_EMAIL)).orElseThrow();
    }

    /** Per table: its row count and an md5 of all its rows in a fixed order. */
    private Map<String, String> snapshot() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, jdbc.sql("select count(*) || ' ' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '-') from " + table + " t")
                    .query(String.class).single());
        }
        return tables;
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
