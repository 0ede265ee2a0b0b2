package dev.trellis.domain.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTest {

    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");
    static final byte[] JPEG = HexFormat.of().parseHex("ffd8ffe000104a464946");
    static final byte[] GIF = "GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] WEBP = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PDF = "%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] ZIP = HexFormat.of().parseHex("504b0304140000000800");
    static final byte[] BINARY = HexFormat.of().parseHex("0001020304fffe00");

    static MimeType resolve(String declared, byte[] bytes) {
        return ContentTypes.resolve(declared, bytes, bytes.length);
    }

    static MimeType resolve(String declared, String text) {
        return resolve(declared, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void without_a_declared_type_the_magic_numbers_decide() {
        assertThat(resolve(null, PNG).value()).isEqualTo("image/png");
        assertThat(resolve(null, JPEG).value()).isEqualTo("image/jpeg");
        assertThat(resolve(null, GIF).value()).isEqualTo("image/gif");
        assertThat(resolve(null, WEBP).value()).isEqualTo("image/webp");
        assertThat(resolve(null, PDF).value()).isEqualTo("application/pdf");
        assertThat(resolve(null, ZIP).value()).isEqualTo("application/zip");
        assertThat(resolve("application/octet-stream", "héllo wörld\n").value()).isEqualTo("text/plain");
        assertThat(resolve("", BINARY).value()).isEqualTo("application/octet-stream");
        assertThat(resolve("not a type", PNG).value()).as("a malformed declaration counts as none").isEqualTo("image/png");
    }

    @ParameterizedTest
    @CsvSource({"image/png, PNG", "IMAGE/PNG; x=y, PNG", "image/jpeg, JPEG", "image/jpg, JPEG", "image/gif, GIF",
            "image/webp, WEBP", "application/pdf, PDF", "application/zip, ZIP"})
    void a_declared_type_the_bytes_confirm_is_kept(String declared, String bytes) {
        MimeType type = resolve(declared, bytes(bytes));
        assertThat(type).isEqualTo(resolve(null, bytes(bytes)));
    }

    @ParameterizedTest
    @CsvSource({"image/png, JPEG", "image/png, TEXT", "image/jpeg, PNG", "application/pdf, ZIP", "image/gif, BINARY",
            "text/plain, PNG", "text/plain, BINARY", "application/json, PDF", "video/mp4, PNG", "image/svg+xml, TEXT",
            "application/json, TEXT", "application/vnd.openxmlformats-officedocument.wordprocessingml.document, PDF"})
    void a_declared_type_the_bytes_contradict_is_a_mime_mismatch(String declared, String bytes) {
        assertInvalid(() -> resolve(declared, bytes(bytes)), "file", "file.mime_mismatch");
    }

    @Test
    void formats_built_on_zip_keep_their_declared_type() {
        String docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        assertThat(resolve(docx, ZIP).value()).isEqualTo(docx);
        assertThat(resolve("application/epub+zip", ZIP).value()).isEqualTo("application/epub+zip");
        assertThat(resolve("application/x-zip-compressed", ZIP).value()).isEqualTo("application/zip");
    }

    @Test
    void text_types_are_checked_against_the_text() {
        assertThat(resolve("text/csv", "a,b\n1,2\n").value()).isEqualTo("text/csv");
        assertThat(resolve("application/json", " {\"a\": 1}").value()).isEqualTo("application/json");
        assertThat(resolve("application/ld+json", "[1]").value()).isEqualTo("application/ld+json");
        assertThat(resolve("image/svg+xml", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>").value())
                .isEqualTo("image/svg+xml");
        assertThat(resolve("text/plain; charset=utf-8", "\uFEFFwith a byte-order mark").value()).isEqualTo("text/plain");
        assertInvalid(() -> resolve("application/xml", "plain words"), "file", "file.mime_mismatch");
    }

    @Test
    void types_a_browser_would_run_are_stored_as_plain_text_and_unknown_types_fall_back_to_the_bytes() {
        assertThat(resolve("text/html", "<script>alert(1)</script>").value()).isEqualTo("text/plain");
        assertThat(resolve("application/xhtml+xml", "<html/>").value()).isEqualTo("text/plain");
        assertThat(resolve("video/mp4", BINARY).value()).isEqualTo("application/octet-stream");
        assertThat(resolve("application/x-custom", "some text").value()).isEqualTo("text/plain");
    }

    @Test
    void text_is_utf8_without_binary_control_characters_and_a_sequence_cut_by_the_head_is_fine() {
        assertThat(resolve(null, "tab\tcr\r\nff\f esc\u001b[0m").value()).isEqualTo("text/plain");
        assertThat(resolve(null, "nul\0inside").value()).isEqualTo("application/octet-stream");
        assertThat(resolve(null, new byte[]{'a', (byte) 0xC3, '(', 'b'}).value()).as("malformed UTF-8")
                .isEqualTo("application/octet-stream");

        byte[] head = new byte[ContentTypes.HEAD_BYTES];
        Arrays.fill(head, (byte) 'x');
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        head[head.length - 2] = euro[0];
        head[head.length - 1] = euro[1];
        assertThat(ContentTypes.resolve("text/plain", head, head.length).value()).isEqualTo("text/plain");
        assertThat(ContentTypes.resolve(null, head, head.length - 1).value()).as("cut before the end of the content")
                .isEqualTo("application/octet-stream");
    }

    @Test
    void empty_content_is_empty_text() {
        assertThat(resolve(null, new byte[0]).value()).isEqualTo("text/plain");
        assertInvalid(() -> resolve("image/png", new byte[0]), "file", "file.mime_mismatch");
    }

    private static byte[] bytes(String name) {
        return switch (name) {
            case "PNG" -> PNG;
            case "JPEG" -> JPEG;
            case "GIF" -> GIF;
            case "WEBP" -> WEBP;
            case "PDF" -> PDF;
            case "ZIP" -> ZIP;
            case "TEXT" -> "just some words".getBytes(StandardCharsets.UTF_8);
            case "BINARY" -> BINARY;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
