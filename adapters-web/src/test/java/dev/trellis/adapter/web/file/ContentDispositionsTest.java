package dev.trellis.adapter.web.file;

import dev.trellis.domain.file.MimeType;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionsTest {

    @Test
    void a_plain_name_is_kept_and_safe_types_are_inline() {
        assertThat(ContentDispositions.of(new MimeType("image/png"), "photo.png"))
                .isEqualTo("inline; filename=\"photo.png\"; filename*=UTF-8''photo.png");
        assertThat(ContentDispositions.of(new MimeType("image/svg+xml"), "logo.svg")).startsWith("attachment;");
        assertThat(ContentDispositions.of(new MimeType("application/zip"), "a.zip")).startsWith("attachment;");
    }

    @Test
    void quotes_backslashes_semicolons_and_non_ascii_cannot_break_out_of_the_header() {
        String name = "a\"; filename=evil.exe\\ résumé 100%.txt";
        String header = ContentDispositions.of(new MimeType("text/plain"), name);

        assertThat(header).isEqualTo("inline; filename=\"a_; filename=evil.exe_ r_sum_ 100_.txt\"; "
                + "filename*=UTF-8''a%22%3B%20filename%3Devil.exe%5C%20r%C3%A9sum%C3%A9%20100%25.txt");
        ContentDisposition parsed = ContentDisposition.parse(header);
        assertThat(parsed.getFilename()).as("a client reading filename* gets the exact name").isEqualTo(name);
        assertThat(parsed.getCharset()).isEqualTo(StandardCharsets.UTF_8);
    }
}
