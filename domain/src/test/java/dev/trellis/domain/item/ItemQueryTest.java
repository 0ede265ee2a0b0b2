package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class ItemQueryTest {

    private static final UserId OWNER = UserId.generate();

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 100})
    void limits_from_1_to_100_are_accepted(int limit) {
        assertThat(ItemQuery.newestOf(OWNER, limit).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101, Integer.MAX_VALUE})
    void limits_outside_1_to_100_are_refused(int limit) {
        assertInvalid(() -> ItemQuery.newestOf(OWNER, limit), "limit", "limit.out_of_range");
    }

    @Test
    void missing_filters_become_empty_and_a_blank_title_filter_is_no_filter() {
        ItemQuery query = new ItemQuery(OWNER, null, null, Optional.of("   "), 20, null);

        assertThat(query.status()).isEmpty();
        assertThat(query.tag()).isEmpty();
        assertThat(query.titleContains()).isEmpty();
        assertThat(query.after()).isEmpty();
    }

    @Test
    void a_title_filter_longer_than_a_title_is_refused() {
        assertInvalid(() -> new ItemQuery(OWNER, null, null, Optional.of("x".repeat(ItemTitle.MAX_LENGTH + 1)), 20, null),
                "q", "text.too_long");
    }

    @Test
    void the_next_page_keeps_the_filters_and_adds_the_cursor() {
        ItemQuery first = new ItemQuery(OWNER, Optional.of(ItemStatus.PUBLISHED), Optional.empty(),
                Optional.of("notes"), 10, Optional.empty());
        ItemCursor cursor = new ItemCursor(Instant.parse("2025-01-01T00:00:00Z"), ItemId.generate());

        ItemQuery next = first.next(cursor);

        assertThat(next).isEqualTo(new ItemQuery(OWNER, Optional.of(ItemStatus.PUBLISHED), Optional.empty(),
                Optional.of("notes"), 10, Optional.of(cursor)));
    }
}
