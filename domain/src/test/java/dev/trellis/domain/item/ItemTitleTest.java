package dev.trellis.domain.item;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class ItemTitleTest {

    @Test
    void surrounding_whitespace_is_removed() {
        assertThat(new ItemTitle("  Shopping list \n").value()).isEqualTo("Shopping list");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void blank_titles_are_refused(String title) {
        assertInvalid(() -> new ItemTitle(title), "title", "text.blank");
    }

    @Test
    void at_most_200_characters() {
        assertThat(new ItemTitle("x".repeat(200)).value()).hasSize(200);
        assertThat(new ItemTitle(" " + "x".repeat(200) + " ").value()).hasSize(200);
        assertInvalid(() -> new ItemTitle("x".repeat(201)), "title", "text.too_long");
    }
}
