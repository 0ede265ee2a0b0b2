package dev.trellis.domain.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class LanguageTagTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "pt-BR", "zh-Hant-TW", "es-419", "de-CH-1996"})
    void well_formed_tags_are_kept(String tag) {
        assertThat(new LanguageTag(tag).value()).isEqualTo(tag);
    }

    @ParameterizedTest
    @CsvSource({"en-us, en-US", "EN, en", "PT-br, pt-BR", "zh-hant-tw, zh-Hant-TW"})
    void tags_are_kept_in_canonical_case(String raw, String canonical) {
        assertThat(new LanguageTag(raw).value()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"english!", "", " ", "e", "en_US", "en-", "-en", "123", "en US"})
    void malformed_tags_are_refused(String tag) {
        assertInvalid(() -> new LanguageTag(tag), "language", "language.invalid");
    }

    @Test
    void at_most_35_characters() {
        String longest = "en-US-x-abcdefgh-abcdefgh-abcdefg-a";
        String tooLong = "en-US-x-abcdefgh-abcdefgh-abcdefgh-a";   // well-formed, one character over

        assertThat(new LanguageTag(longest).value()).hasSize(35);
        assertInvalid(() -> new LanguageTag(tooLong), "language", "language.invalid");
    }

    @Test
    void english_is_the_constant() {
        assertThat(LanguageTag.ENGLISH.value()).isEqualTo("en");
    }
}
