package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import dev.trellis.application.contract.Ports;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.domain.shared.OutboxEventId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes that bypass the use cases produce their events exactly once (V4's deferred triggers):
 * writes by a Better Auth server or by hand, and cascades; a use case's own transaction is not
 * reported twice.
 */
@PostgresTest
class OutboxTriggersTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Ports ports;

    @BeforeEach
    void empty() {
        Tables.truncateAll(jdbc);
    }

    @Test
    void a_better_auth_style_user_insert_update_and_delete_are_one_event_each_with_growing_versions() {
        jdbc.sql("""
                insert into "user" (id, name, email, email_verified, created_at, updated_at)
                values ('Ba1Ba2Ba3Ba4Ba5Ba6Ba7Ba8Ba9Ba0AbCd', 'From Better Auth', 'ba@example.com', false, now(), now())""").update();
        jdbc.sql("update \"user\" set email_verified = true where id = 'Ba1Ba2Ba3Ba4Ba5Ba6Ba7Ba8Ba9Ba0AbCd'").update();
        jdbc.sql("delete from \"user\" where id = 'Ba1Ba2Ba3Ba4Ba5Ba6Ba7Ba8Ba9Ba0AbCd'").update();

        List<Row> events = events();
        assertThat(events).extracting(Row::type).containsExactly("user.created", "user.updated", "user.deleted");
        assertThat(events).extracting(row -> row.payload().get("version").asLong()).containsExactly(1L, 2L, 3L);
        JsonNode created = events.get(0).payload();
        assertThat(created.get("email").asString()).isEqualTo("ba@example.com");
        assertThat(created.get("profile").get("timezone").asString()).isEqualTo("UTC");
        assertThat(created.get("settings").get("theme").asString()).isEqualTo("system");
        assertThat(events.get(1).payload().get("emailVerified").asBoolean()).isTrue();
        assertThat(events.get(2).payload().get("deleted").asBoolean()).isTrue();
    }

    @Test
    void deleting_a_user_reports_each_cascaded_item_and_file_once_and_nothing_else() {
        seedUserWithItemsAndFiles();
        jdbc.sql("delete from outbox").update();

        jdbc.sql("delete from \"user\" where id = 'usr_cascade00001'").update();

        assertThat(events()).extracting(row -> row.type() + " " + row.aggregateId()).containsExactlyInAnyOrder(
                "user.deleted usr_cascade00001",
                "item.deleted itm_cascade00001",
                "item.deleted itm_cascade00002",
                "file.deleted fil_cascade00001");
    }

    @Test
    void a_use_case_transaction_is_reported_by_its_own_event_only_but_its_cascades_are_reported() {
        seedUserWithItemsAndFiles();
        jdbc.sql("delete from outbox").update();

        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from items where id = 'itm_cascade00001'").update();
            ports.outbox().append(List.of(new OutboxEvent(OutboxEventId.generate(), "item", "itm_cascade00001", "item.deleted",
                    Map.of("id", "itm_cascade00001", "deleted", true), Instant.now(), null)));
        });

        // the file was attached to the deleted item: ON DELETE SET NULL changed it, no use case said so
        assertThat(events()).extracting(row -> row.type() + " " + row.aggregateId()).containsExactlyInAnyOrder(
                "item.deleted itm_cascade00001",
                "file.updated fil_cascade00001");
        Row file = events().stream().filter(row -> row.type().equals("file.updated")).findFirst().orElseThrow();
        assertThat(file.payload().get("itemId").isNull()).isTrue();
    }

    @Test
    void an_item_written_by_hand_with_its_tags_in_one_transaction_is_one_created_event_listing_the_tags() {
        seedUser();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("insert into tags (id, name) values ('tag_aaaaaaaa', 'A'), ('tag_bbbbbbbb', 'B')").update();
            jdbc.sql("insert into items (id, user_id, title) values ('itm_byhand000001', 'usr_cascade00001', 'By hand')").update();
            jdbc.sql("insert into item_tags values ('itm_byhand000001', 'tag_aaaaaaaa'), ('itm_byhand000001', 'tag_bbbbbbbb')").update();
        });

        List<Row> itemEvents = events().stream().filter(row -> row.aggregateType().equals("item")).toList();
        assertThat(itemEvents).extracting(Row::type).containsExactly("item.created");
        assertThat(itemEvents.get(0).payload().get("tagIds").toString()).isEqualTo("[\"tag_aaaaaaaa\",\"tag_bbbbbbbb\"]");

        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from item_tags where tag_id = 'tag_aaaaaaaa'").update();
        assertThat(events()).extracting(Row::type).containsExactly("item.tags_changed");

        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from tags where id = 'tag_bbbbbbbb'").update();
        assertThat(events()).extracting(row -> row.type() + " " + row.aggregateId()).containsExactly("tag.deleted tag_bbbbbbbb");
    }

    @Test
    void deleting_a_user_clears_the_creator_of_their_tags_and_says_so() {
        seedUser();
        jdbc.sql("insert into tags (id, name, created_by) values ('tag_creatorx', 'Theirs', 'usr_cascade00001')").update();
        jdbc.sql("delete from outbox").update();

        transaction.executeWithoutResult(status -> {
            jdbc.sql("select set_config('trellis.events_by_app', 'on', true)").query(String.class).single();
            jdbc.sql("delete from \"user\" where id = 'usr_cascade00001'").update();
        });

        Row tag = events().stream().filter(row -> row.aggregateType().equals("tag")).findFirst().orElseThrow();
        assertThat(tag.type()).isEqualTo("tag.updated");
        assertThat(tag.payload().get("createdBy").isNull()).isTrue();
    }

    private void seedUser() {
        jdbc.sql("""
                insert into "user" (id, name, email, created_at, updated_at)
                values ('usr_cascade00001', 'Owner', 'owner@example.com', now(), now())""").update();
    }

    private void seedUserWithItemsAndFiles() {
        seedUser();
        jdbc.sql("insert into tags (id, name) values ('tag_cascadeA', 'Cascade')").update();
        jdbc.sql("""
                insert into items (id, user_id, title) values ('itm_cascade00001', 'usr_cascade00001', 'One'),
                                                              ('itm_cascade00002', 'usr_cascade00001', 'Two')""").update();
        jdbc.sql("insert into item_tags values ('itm_cascade00001', 'tag_cascadeA')").update();
        jdbc.sql("""
                insert into files (id, user_id, item_id, filename, storage_key, size, mime_type)
                values ('fil_cascade00001', 'usr_cascade00001', 'itm_cascade00001', 'a.png', 'k/a', 3, 'image/png')""").update();
    }

    private List<Row> events() {
        return jdbc.sql("select aggregate_type, aggregate_id, event_type, payload::text as payload from outbox order by position")
                .query((rs, n) -> new Row(rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                        rs.getString("event_type"), JSON.readTree(rs.getString("payload"))))
                .list();
    }

    record Row(String aggregateType, String aggregateId, String type, JsonNode payload) {
    }
}
