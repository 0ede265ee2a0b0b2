package dev.trellis.domain.tag;

import dev.trellis.domain.shared.TagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class TagColorTest {

    @Test
    void colours_are_stored_lower_case() {
        assertThat(new TagColor("#3B82F6").value()).isEqualTo("#3b82f6");
        assertThat(new TagColor("#aBcDeF")).isEqualTo(new TagColor("#abcdef"));
    }

    @Test
    void the_default_is_the_seeds_grey() {
        assertThat(TagColor.DEFAULT.value()).isEqualTo("#6b7280");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "3b82f6", "#3b82f", "#3b82f6a", "#fff", "#gggggg", "red", " #3b82f6", "#3b82f6 ", "rgb(1,2,3)"})
    void anything_but_hash_and_six_hex_digits_is_refused(String value) {
        assertInvalid(() -> new TagColor(value), "color", "color.invalid");
    }

    @Test
    void a_tag_without_a_colour_gets_the_default() {
        Tag tag = Tag.create(TagId.generate(), new TagName("urgent"), null, null, java.time.Instant.EPOCH);

        assertThat(tag.color()).isEqualTo(TagColor.DEFAULT);
    }
}
