package dev.trellis.adapter.web.file;

import dev.trellis.domain.file.MimeType;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code Content-Disposition} for a stored file (RFC 6266): the name as an ASCII fallback in
 * {@code filename="..."} (anything outside printable ASCII, and {@code "}, {@code \} and {@code %},
 * replaced by {@code _}) and exactly in {@code filename*=UTF-8''...} (RFC 8187 percent-encoding), so
 * no client-given character can end the header value or add a parameter. Raster images, PDF and plain
 * text are shown inline; everything else, SVG included, is a download.
 */
final class ContentDispositions {

    static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
            "text/plain");

    private ContentDispositions() {
    }

    static boolean inline(MimeType type) {
        return INLINE.contains(type.value());
    }

    static String of(MimeType type, String filename) {
        return (inline(type) ? "inline" : "attachment") + "; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''"
                + percentEncoded(filename);
    }

    static String asciiFallback(String filename) {
        StringBuilder out = new StringBuilder(filename.length());
        filename.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        return out.toString();
    }

    /** RFC 8187's {@code attr-char} as is, every other UTF-8 byte as {@code %XX}. */
    static String percentEncoded(String filename) {
        StringBuilder out = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
