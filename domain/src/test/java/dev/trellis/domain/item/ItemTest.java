package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-01-02T10:00:00Z");
    private static final UserId OWNER = new UserId("usr_owner0000001");
    private static final TagId RED = new TagId("tag_red00001");
    private static final TagId BLUE = new TagId("tag_blue0001");

    private static Item item(ItemStatus status) {
        return Item.create(new ItemId("itm_item00000001"), OWNER, new ItemTitle("Notes"), null, null, status,
                null, List.of(RED), CREATED);
    }

    @Test
    void a_new_item_is_a_draft_unless_told_otherwise_and_starts_at_version_0() {
        Item item = item(null);

        assertThat(item.status()).isEqualTo(ItemStatus.DRAFT);
        assertThat(item.version()).isZero();
        assertThat(item.createdAt()).isEqualTo(CREATED).isEqualTo(item.updatedAt());
        assertThat(item.tags()).containsExactly(RED);
        assertThat(item.isOwnedBy(OWNER)).isTrue();
        assertThat(item.isOwnedBy(new UserId("usr_someoneelse1"))).isFalse();
    }

    @Test
    void times_are_kept_to_the_microsecond_as_postgresql_stores_them() {
        Item item = Item.create(new ItemId("itm_item00000001"), OWNER, new ItemTitle("Notes"), null, null, null,
                null, List.of(), Instant.parse("2025-01-01T10:00:00.123456789Z"));

        assertThat(item.createdAt()).isEqualTo(Instant.parse("2025-01-01T10:00:00.123456Z"));
    }

    /** The full 3x3 matrix: MOVES when allowed, NOOP for the same status, REFUSED otherwise. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "DRAFT,     DRAFT,     NOOP",
            "DRAFT,     PUBLISHED, MOVES",
            "DRAFT,     ARCHIVED,  MOVES",
            "PUBLISHED, DRAFT,     MOVES",
            "PUBLISHED, PUBLISHED, NOOP",
            "PUBLISHED, ARCHIVED,  MOVES",
            "ARCHIVED,  DRAFT,     MOVES",
            "ARCHIVED,  PUBLISHED, REFUSED",
            "ARCHIVED,  ARCHIVED,  NOOP"
    })
    void status_changes_follow_the_life_cycle(ItemStatus from, ItemStatus to, String outcome) {
        Item item = item(from);

        switch (outcome) {
            case "MOVES" -> {
                item.changeStatus(to, LATER);
                assertThat(item.status()).isEqualTo(to);
                assertThat(item.updatedAt()).isEqualTo(LATER);
            }
            case "NOOP" -> {
                item.changeStatus(to, LATER);
                assertThat(item.status()).isEqualTo(from);
                assertThat(item.updatedAt()).isEqualTo(CREATED);
            }
            case "REFUSED" -> {
                assertThatThrownBy(() -> item.changeStatus(to, LATER))
                        .isInstanceOfSatisfying(IllegalStatusTransition.class, e -> {
                            assertThat(e.code()).isEqualTo("item.status.illegal_transition");
                            assertThat(e.field()).isEqualTo("status");
                            assertThat(e.from()).isEqualTo(from);
                            assertThat(e.to()).isEqualTo(to);
                        });
                assertThat(item.status()).isEqualTo(from);
                assertThat(item.updatedAt()).isEqualTo(CREATED);
            }
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    @Test
    void attaching_a_new_tag_records_it_and_moves_updated_at() {
        Item item = item(ItemStatus.DRAFT);

        assertThat(item.attach(BLUE, LATER)).isTrue();
        assertThat(item.tags()).containsExactly(RED, BLUE);
        assertThat(item.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void attaching_a_tag_twice_changes_nothing() {
        Item item = item(ItemStatus.DRAFT);

        assertThat(item.attach(RED, LATER)).isFalse();
        assertThat(item.tags()).containsExactly(RED);
        assertThat(item.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void detaching_an_attached_tag_removes_it_and_moves_updated_at() {
        Item item = item(ItemStatus.DRAFT);

        assertThat(item.detach(RED, LATER)).isTrue();
        assertThat(item.tags()).isEmpty();
        assertThat(item.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void detaching_a_tag_that_is_not_attached_changes_nothing() {
        Item item = item(ItemStatus.DRAFT);

        assertThat(item.detach(BLUE, LATER)).isFalse();
        assertThat(item.tags()).containsExactly(RED);
        assertThat(item.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void tags_cannot_be_changed_behind_the_items_back() {
        Item item = item(ItemStatus.DRAFT);

        assertThatThrownBy(() -> item.tags().add(BLUE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void every_edit_moves_updated_at() {
        Item item = item(ItemStatus.DRAFT);
        Instant t1 = LATER;
        Instant t2 = LATER.plusSeconds(1);
        Instant t3 = LATER.plusSeconds(2);
        Instant t4 = LATER.plusSeconds(3);

        item.retitle(new ItemTitle("Better notes"), t1);
        assertThat(item.updatedAt()).isEqualTo(t1);
        item.describe("short", t2);
        assertThat(item.updatedAt()).isEqualTo(t2);
        item.rewrite("long", t3);
        assertThat(item.updatedAt()).isEqualTo(t3);
        item.illustrate(new WebUrl("https://example.com/a.png"), t4);
        assertThat(item.updatedAt()).isEqualTo(t4);

        assertThat(item.title().value()).isEqualTo("Better notes");
        assertThat(item.description()).isEqualTo("short");
        assertThat(item.content()).isEqualTo("long");
        assertThat(item.imageUrl()).isEqualTo(new WebUrl("https://example.com/a.png"));
        assertThat(item.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void description_and_content_have_limits() {
        Item item = item(ItemStatus.DRAFT);

        assertInvalid(() -> item.describe("x".repeat(Item.MAX_DESCRIPTION_LENGTH + 1), LATER), "description", "text.too_long");
        assertInvalid(() -> item.rewrite("x".repeat(Item.MAX_CONTENT_LENGTH + 1), LATER), "content", "text.too_long");
        assertThat(item.updatedAt()).isEqualTo(CREATED);
    }
}
