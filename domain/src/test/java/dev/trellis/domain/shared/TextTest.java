package dev.trellis.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void optional_text_keeps_null_and_values_up_to_the_limit() {
        assertThat(Text.optional("bio", null, 5)).isNull();
        assertThat(Text.optional("bio", "12345", 5)).isEqualTo("12345");
    }

    @Test
    void optional_text_refuses_more_than_the_limit() {
        assertInvalid(() -> Text.optional("bio", "123456", 5), "bio", "text.too_long");
    }

    @Test
    void required_text_is_stripped_before_its_length_is_counted() {
        assertThat(Text.required("name", "  12345\t\n", 5)).isEqualTo("12345");
        assertInvalid(() -> Text.required("name", " 123456 ", 5), "name", "text.too_long");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
    void required_text_refuses_null_and_blank(String value) {
        assertInvalid(() -> Text.required("name", value, 5), "name", "text.blank");
    }
}
