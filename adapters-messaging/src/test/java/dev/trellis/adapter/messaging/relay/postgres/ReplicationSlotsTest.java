package dev.trellis.adapter.messaging.relay.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Default slot names: from the database, within PostgreSQL's rules for slot names, and never shared by two databases. */
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
}
