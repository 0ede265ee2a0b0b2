package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import dev.trellis.application.contract.Ports;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each SQLSTATE PostgreSQL answers with becomes its typed failure, and the failed write leaves nothing behind. */
@PostgresTest
class PostgresErrorsTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    Ports ports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void emptyTables() {
        Tables.truncateAll(jdbc);
    }

    @Test
    void unique_violation_23505_is_a_duplicate_value_naming_the_constraint() {
        ports.tags().add(Tag.create(TagId.generate(), new TagName("Work"), new TagColor("#3b82f6"), null, NOW));
        Tag twin = Tag.create(TagId.generate(), new TagName("Work"), new TagColor("#000000"), null, NOW);

        assertThatThrownBy(() -> ports.tags().add(twin))
                .isInstanceOfSatisfying(DataAccessFailure.DuplicateValue.class,
                        failure -> assertThat(failure.constraint()).isEqualTo("tags_name_key"));
        assertThat(ports.tags().findById(twin.id())).isEmpty();
        assertThat(count("select count(*) from tags")).isEqualTo(1);
    }

    @Test
    void foreign_key_violation_23503_is_a_missing_reference() {
        Item orphan = Item.create(ItemId.generate(), new UserId("usr_nobody000000"), new ItemTitle("Orphan"), null, null,
                null, null, List.of(), NOW);

        assertThatThrownBy(() -> ports.items().add(orphan))
                .isInstanceOfSatisfying(DataAccessFailure.MissingReference.class,
                        failure -> assertThat(failure.constraint()).isEqualTo("items_user_id_fkey"));
        assertThat(count("select count(*) from items")).isZero();
    }

    @Test
    void not_null_violation_23502_is_a_missing_value_naming_the_column() {
        assertThatThrownBy(() -> PostgresErrors.translate(() ->
                jdbc.sql("insert into tags (id, name) values ('tag_nullname', null)").update()))
                .isInstanceOfSatisfying(DataAccessFailure.MissingValue.class,
                        failure -> assertThat(failure.constraint()).isEqualTo("name"));
        assertThat(count("select count(*) from tags")).isZero();
    }

    @Test
    void check_violation_23514_is_a_rejected_value_naming_the_constraint() {
        assertThatThrownBy(() -> PostgresErrors.translate(() ->
                jdbc.sql("insert into tags (id, name, color) values ('tag_redcolor', 'Red', 'red')").update()))
                .isInstanceOfSatisfying(DataAccessFailure.RejectedValue.class,
                        failure -> assertThat(failure.constraint()).isEqualTo("tags_color_hex"));
        assertThat(count("select count(*) from tags")).isZero();
    }

    @Test
    void query_canceled_57014_is_a_query_timeout_and_the_transaction_rolls_back() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> PostgresErrors.translate(() -> {
            jdbc.sql("insert into tags (id, name) values ('tag_slowslow', 'Slow')").update();
            jdbc.sql("set local statement_timeout = '100ms'").update();
            return jdbc.sql("select pg_sleep(2)").query(String.class).single();
        }))).isInstanceOf(DataAccessFailure.QueryTimeout.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cancelled before pg_sleep(2) ended")
                .isLessThan(Duration.ofMillis(1_500));
        assertThat(count("select count(*) from tags")).isZero();
    }

    @Test
    void any_other_sqlstate_is_storage_unavailable_without_sql_in_its_message() {
        // 22012 division_by_zero, in a write
        assertThatThrownBy(() -> PostgresErrors.translate(() ->
                jdbc.sql("insert into tags (id, name) select 'tag_divzero0', 'Quotient ' || (1 / 0)").update()))
                .isInstanceOfSatisfying(DataAccessFailure.StorageUnavailable.class, failure -> {
                    assertThat(failure.getMessage()).isNotBlank()
                            .doesNotContainIgnoringCase("insert").doesNotContain("tag_divzero0").doesNotContainIgnoringCase("division");
                    assertThat(failure.constraint()).isNull();
                });
        // 42601 syntax_error
        assertThatThrownBy(() -> PostgresErrors.translate(() -> jdbc.sql("selec 1 from tags").query(Integer.class).list()))
                .isInstanceOfSatisfying(DataAccessFailure.StorageUnavailable.class,
                        failure -> assertThat(failure.getMessage()).doesNotContainIgnoringCase("selec"));
        assertThat(count("select count(*) from tags")).isZero();
    }

    @Test
    void a_refused_tag_link_is_a_missing_reference_naming_its_constraint_though_the_links_are_batched() {
        User owner = anOwner();
        Item badTag = Item.create(ItemId.generate(), owner.id(), new ItemTitle("Tagged"), null, null, null, null,
                List.of(TagId.generate()), NOW);

        // Spring Data JDBC inserts the links as a batch: the driver reports a BatchUpdateException around its PSQLException.
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> ports.items().add(badTag)))
                .isInstanceOfSatisfying(DataAccessFailure.MissingReference.class,
                        failure -> assertThat(failure.constraint()).isEqualTo("item_tags_tag_id_fkey"));
    }

    @Test
    void inside_the_use_case_transaction_an_item_with_an_unknown_tag_leaves_nothing_behind() {
        User owner = anOwner();
        Item badTag = Item.create(ItemId.generate(), owner.id(), new ItemTitle("Tagged"), null, null, null, null,
                List.of(TagId.generate()), NOW);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> ports.items().add(badTag)))
                .isInstanceOf(DataAccessFailure.MissingReference.class);
        assertThat(count("select count(*) from items")).isZero();
        assertThat(count("select count(*) from item_tags")).isZero();
    }

    private User anOwner() {
        User owner = User.register(UserId.generate(), "Owner", new EmailAddress("owner@example.com"), false, NOW);
        ports.users().add(owner);
        return owner;
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
