package dev.trellis.domain.item;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.item.ItemStatus.ARCHIVED;
import static dev.trellis.domain.item.ItemStatus.DRAFT;
import static dev.trellis.domain.item.ItemStatus.PUBLISHED;
import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class ItemStatusTest {

    @Test
    void next_lists_exactly_the_allowed_transitions() {
        assertThat(DRAFT.next()).containsExactlyInAnyOrder(PUBLISHED, ARCHIVED);
        assertThat(PUBLISHED.next()).containsExactlyInAnyOrder(DRAFT, ARCHIVED);
        assertThat(ARCHIVED.next()).containsExactly(DRAFT);
    }

    @Test
    void codes_are_the_lower_case_postgresql_enum_labels() {
        assertThat(ItemStatus.fromCode("draft")).isEqualTo(DRAFT);
        assertThat(ItemStatus.fromCode("published")).isEqualTo(PUBLISHED);
        assertThat(ItemStatus.fromCode("archived")).isEqualTo(ARCHIVED);
        assertThat(PUBLISHED.code()).isEqualTo("published");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DRAFT", "deleted"})
    void unknown_codes_are_refused(String code) {
        assertInvalid(() -> ItemStatus.fromCode(code), "status", "status.invalid");
    }
}
