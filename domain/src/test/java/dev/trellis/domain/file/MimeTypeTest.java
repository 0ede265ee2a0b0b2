package dev.trellis.domain.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class MimeTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "image/png                           | image/png",
            "Image/PNG                           | image/png",
            "text/plain; charset=UTF-8           | text/plain",
            "application/vnd.api+json            | application/vnd.api+json",
            "'  application/octet-stream  '      | application/octet-stream"
    })
    void types_are_lower_cased_without_parameters(String raw, String expected) {
        assertThat(new MimeType(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "png", "image/", "/png", "image/png/extra", "ima ge/png", "image/p ng", ";charset=utf-8"})
    void anything_but_type_slash_subtype_is_refused(String raw) {
        assertInvalid(() -> new MimeType(raw), "mimeType", "mime_type.invalid");
    }

    @Test
    void null_is_required() {
        assertInvalid(() -> new MimeType(null), "mimeType", "value.required");
    }
}
