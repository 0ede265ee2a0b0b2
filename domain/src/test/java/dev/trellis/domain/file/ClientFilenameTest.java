package dev.trellis.domain.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFilenameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "photo.png                      | photo.png",
            "../../../etc/passwd            | passwd",
            "..\\..\\windows\\win.ini       | win.ini",
            "C:\\Users\\me\\report.pdf      | report.pdf",
            "'  spaced name.txt  '          | spaced name.txt",
            "résumé ✓ 履歴書.pdf              | résumé ✓ 履歴書.pdf",
            "quote\"semi;colon.txt          | quote\"semi;colon.txt",
            ".bashrc                        | .bashrc"
    })
    void folders_are_dropped_and_the_name_is_kept(String submitted, String expected) {
        assertThat(ClientFilename.sanitize(submitted)).isEqualTo(expected);
    }

    @Test
    void control_and_bidi_characters_are_removed() {
        assertThat(ClientFilename.sanitize("evil\r\nSet-Cookie: x\0.txt")).isEqualTo("evilSet-Cookie: x.txt");
        assertThat(ClientFilename.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(ClientFilename.sanitize("zero\u200Bwidth.txt")).isEqualTo("zerowidth.txt");
    }

    @Test
    void decomposed_characters_are_composed() {
        assertThat(ClientFilename.sanitize("cafe\u0301.txt")).isEqualTo("caf\u00e9.txt");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", ".", "..", "a/..", "dir/", "\u202E", "..\\"})
    void nothing_usable_becomes_the_fallback(String submitted) {
        assertThat(ClientFilename.sanitize(submitted)).isEqualTo(ClientFilename.FALLBACK);
    }

    @Test
    void long_names_are_cut_keeping_the_extension_and_whole_characters() {
        String cut = ClientFilename.sanitize("a".repeat(300) + ".tar.gz");
        assertThat(cut).hasSize(StoredFile.MAX_FILENAME_LENGTH).endsWith("a.gz");

        String emoji = ClientFilename.sanitize("b".repeat(250) + "😀😀😀😀.png");
        assertThat(emoji.length()).isLessThanOrEqualTo(StoredFile.MAX_FILENAME_LENGTH);
        assertThat(emoji).endsWith(".png");
        assertThat(emoji.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).isTrue();
    }
}
