package dev.trellis.adapter.messaging.relay.postgres;

import dev.trellis.adapter.persistence.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Default slot names: from the database, within PostgreSQL's rules for slot names, never shared by two databases,
 * and {@code trellis_outbox} kept where it already serves the database; slots left behind, on a real server.
 */
class ReplicationSlotsTest {

    @Test
    void the_embedded_databases_slot_keeps_its_name() {
        assertThat(ReplicationSlots.defaultName("trellis")).isEqualTo("trellis_outbox");
    }

    @Test
    void another_database_names_its_own_slot() {
        assertThat(ReplicationSlots.defaultName("shop")).isEqualTo("trellis_shop_outbox");
        assertThat(ReplicationSlots.defaultName("tenant_42")).isEqualTo("trellis_tenant_42_outbox");
    }

    @Test
    void names_that_do_not_fit_the_rules_are_cleaned_and_told_apart_by_a_hash() {
        String dashed = ReplicationSlots.defaultName("my-db");
        String underscored = ReplicationSlots.defaultName("my_db");
        String upper = ReplicationSlots.defaultName("My_DB");
        assertThat(underscored).isEqualTo("trellis_my_db_outbox");
        assertThat(dashed).matches("trellis_my_db_[0-9a-f]{8}_outbox").isNotEqualTo(underscored);
        assertThat(upper).matches("trellis_my_db_[0-9a-f]{8}_outbox").isNotEqualTo(dashed);
        assertThat(ReplicationSlots.defaultName("Ünïcödé база")).matches("[a-z0-9_]{1,63}");
    }

    @Test
    void long_names_are_cut_to_63_characters_and_stay_distinct() {
        String a = ReplicationSlots.defaultName("a".repeat(60) + "1");
        String b = ReplicationSlots.defaultName("a".repeat(60) + "2");
        assertThat(a).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9_]+").isNotEqualTo(b);
        assertThat(ReplicationSlots.defaultName("b".repeat(48))).isEqualTo("trellis_" + "b".repeat(48) + "_outbox").hasSize(63);
    }

    @Test
    void a_database_name_is_required() {
        assertThatThrownBy(() -> ReplicationSlots.defaultName("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_database_keeps_the_slot_trellis_outbox_it_already_has_and_only_its_own_counts() {
        JdbcClient shop = JdbcClient.create(TestPostgres.freshDatabase("slots_shop"));
        JdbcClient other = JdbcClient.create(TestPostgres.freshDatabase("slots_other"));
        try {
            assertThat(ReplicationSlots.defaultName(shop)).isEqualTo("trellis_slots_shop_outbox");

            other.sql("select pg_create_logical_replication_slot('trellis_outbox', 'pgoutput')").query(Object.class).list();
            assertThat(ReplicationSlots.defaultName(shop)).as("another database's slot is not this one's").isEqualTo("trellis_slots_shop_outbox");
            assertThat(ReplicationSlots.defaultName(other)).isEqualTo("trellis_outbox");
        } finally {
            other.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where database = current_database()")
                    .query(Object.class).list();
        }
    }

    @Test
    void inactive_slots_of_the_database_besides_the_relays_own_are_abandoned_with_the_wal_they_hold() {
        JdbcClient db = JdbcClient.create(TestPostgres.freshDatabase("slots_abandoned"));
        JdbcClient neighbour = JdbcClient.create(TestPostgres.freshDatabase("slots_neighbour"));
        try {
            db.sql("select pg_create_logical_replication_slot('trellis_slots_abandoned_outbox', 'pgoutput')").query(Object.class).list();
            db.sql("select pg_create_logical_replication_slot('trellis_outbox', 'pgoutput')").query(Object.class).list();
            neighbour.sql("select pg_create_logical_replication_slot('neighbours_slot', 'pgoutput')").query(Object.class).list();
            db.sql("create table filler (g int, x text)").update();
            db.sql("insert into filler select g, repeat('x', 200) from generate_series(1, 20000) g").update();

            var abandoned = ReplicationSlots.abandoned(db, "trellis_slots_abandoned_outbox");

            assertThat(abandoned).extracting(ReplicationSlots.Abandoned::slotName).containsExactly("trellis_outbox");
            assertThat(abandoned.get(0).retainedBytes()).as("20,000 rows of 200 bytes since the slot was made")
                    .isGreaterThan(2_000_000);
        } finally {
            for (JdbcClient jdbc : new JdbcClient[]{db, neighbour}) {
                jdbc.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where database = current_database()")
                        .query(Object.class).list();
            }
        }
    }
}
