package dev.trellis.domain.file;

import dev.trellis.domain.shared.InvalidInput;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The type Trellis stores for uploaded bytes, judged from their first {@link #HEAD_BYTES} bytes: a
 * client's declared type is kept only where the bytes confirm it, a declared type the bytes
 * contradict is refused ({@code file.mime_mismatch}), and a type nothing here can check falls back to
 * what the bytes show, else {@code application/octet-stream}.
 *
 * <p>Recognised by magic number: PNG, JPEG, GIF, WebP, PDF and ZIP (with the formats built on it:
 * OOXML, OpenDocument, EPUB, JAR, APK, any {@code +zip}). Recognised as text: valid UTF-8 without
 * binary control characters; a declared {@code application/json} (or {@code +json}), XML or
 * {@code image/svg+xml} must also begin as one. Text declared as another type (HTML, JavaScript,
 * XHTML, ...) is stored as {@code text/plain}, so that no stored type makes a browser run it (SVG,
 * which can carry scripts, is kept for what it is and only ever served as a download).
 */
public final class ContentTypes {

    /** How many leading bytes {@link #resolve} looks at. */
    public static final int HEAD_BYTES = 8192;

    public static final MimeType PNG = new MimeType("image/png");
    public static final MimeType JPEG = new MimeType("image/jpeg");
    public static final MimeType GIF = new MimeType("image/gif");
    public static final MimeType WEBP = new MimeType("image/webp");
    public static final MimeType PDF = new MimeType("application/pdf");
    public static final MimeType ZIP = new MimeType("application/zip");
    public static final MimeType TEXT = new MimeType("text/plain");

    /** What the bytes are, as far as their head tells. */
    enum Kind { PNG, JPEG, GIF, WEBP, PDF, ZIP, TEXT, UNKNOWN }

    /** Declared types that say "I don't know": the bytes decide. */
    private static final Set<String> UNSPECIFIED = Set.of("application/octet-stream", "binary/octet-stream",
            "application/unknown", "application/x-unknown", "application/binary");

    private static final Map<String, String> ALIASES = Map.of(
            "image/jpg", "image/jpeg",
            "image/pjpeg", "image/jpeg",
            "application/x-pdf", "application/pdf",
            "application/x-zip-compressed", "application/zip",
            "application/x-zip", "application/zip",
            "text/json", "application/json",
            "image/x-png", "image/png");

    /** Types whose bytes begin with a magic number, and that number's kind. */
    private static final Map<String, Kind> SIGNED = Map.of(
            "image/png", Kind.PNG,
            "image/jpeg", Kind.JPEG,
            "image/gif", Kind.GIF,
            "image/webp", Kind.WEBP,
            "application/pdf", Kind.PDF,
            "application/zip", Kind.ZIP);

    /** Text types kept as declared once the bytes are text. */
    private static final Set<String> PLAIN_TEXT_TYPES = Set.of("text/plain", "text/csv", "text/markdown",
            "text/tab-separated-values", "text/x-markdown");

    private ContentTypes() {
    }

    /**
     * The type to store for content whose first bytes are {@code head[0..length)}; {@code declared} is
     * the client's {@code Content-Type} (may be {@code null}). Throws {@code file.mime_mismatch} when
     * the bytes contradict it.
     */
    public static MimeType resolve(String declared, byte[] head, int length) {
        Kind kind = sniff(head, length);
        String type = normalise(declared);
        if (type == null) {
            return sniffedType(kind);
        }
        Kind expected = SIGNED.get(type);
        if (expected == null && isZipBased(type)) {
            expected = Kind.ZIP;
        }
        if (expected != null) {
            if (kind != expected) {
                throw mismatch(type, kind);
            }
            return new MimeType(type);
        }
        if (kind != Kind.TEXT && kind != Kind.UNKNOWN) {
            throw mismatch(type, kind);          // e.g. PNG bytes declared as text/plain or video/mp4
        }
        boolean json = type.equals("application/json") || type.endsWith("+json");
        boolean svg = type.equals("image/svg+xml");
        boolean xml = type.equals("application/xml") || type.equals("text/xml");
        boolean text = type.startsWith("text/") || json || svg || xml;
        if (!text) {
            return sniffedType(kind);            // a type nothing here can check: what the bytes show
        }
        if (kind != Kind.TEXT) {
            throw mismatch(type, kind);
        }
        String start = textStart(head, length);
        if ((json && !looksLikeJson(start)) || (xml && !start.startsWith("<")) || (svg && !looksLikeSvg(start))) {
            throw mismatch(type, kind);
        }
        if (json || svg || xml || PLAIN_TEXT_TYPES.contains(type)) {
            return new MimeType(type);
        }
        return TEXT;                             // text/html, text/javascript, ...: stored and served as plain text
    }

    /** The kind of content the head shows. */
    static Kind sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Kind.PNG;
        }
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return Kind.JPEG;
        }
        if (startsWith(head, length, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, length, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Kind.GIF;
        }
        if (startsWith(head, length, 0, 'R', 'I', 'F', 'F') && startsWith(head, length, 8, 'W', 'E', 'B', 'P')) {
            return Kind.WEBP;
        }
        if (startsWith(head, length, 0, '%', 'P', 'D', 'F', '-')) {
            return Kind.PDF;
        }
        if (startsWith(head, length, 0, 'P', 'K', 3, 4) || startsWith(head, length, 0, 'P', 'K', 5, 6)
                || startsWith(head, length, 0, 'P', 'K', 7, 8)) {
            return Kind.ZIP;
        }
        return isText(head, length) ? Kind.TEXT : Kind.UNKNOWN;
    }

    private static MimeType sniffedType(Kind kind) {
        return switch (kind) {
            case PNG -> PNG;
            case JPEG -> JPEG;
            case GIF -> GIF;
            case WEBP -> WEBP;
            case PDF -> PDF;
            case ZIP -> ZIP;
            case TEXT -> TEXT;
            case UNKNOWN -> MimeType.OCTET_STREAM;
        };
    }

    /** Lower-cased, parameters dropped, aliases resolved; {@code null} when absent, malformed or "unknown". */
    private static String normalise(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String type;
        try {
            type = new MimeType(declared).value();
        } catch (InvalidInput malformed) {
            return null;
        }
        type = ALIASES.getOrDefault(type, type);
        return UNSPECIFIED.contains(type) ? null : type;
    }

    private static boolean isZipBased(String type) {
        return type.endsWith("+zip")
                || type.equals("application/java-archive")
                || type.equals("application/vnd.android.package-archive")
                || type.startsWith("application/vnd.openxmlformats-officedocument.")
                || type.startsWith("application/vnd.oasis.opendocument.");
    }

    private static InvalidInput mismatch(String declared, Kind kind) {
        String shown = switch (kind) {
            case TEXT -> "text";
            case UNKNOWN -> "of no type that matches it";
            default -> sniffedType(kind).value();
        };
        return new InvalidInput("file", "file.mime_mismatch",
                "is declared as " + declared + " but its content is " + shown);
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... expected) {
        if (length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Valid UTF-8 (a sequence cut off by the end of a full head is fine) without control characters
     * other than tab, line feed, form feed, carriage return and escape.
     */
    private static boolean isText(byte[] head, int length) {
        int end = length;
        if (length == HEAD_BYTES) {
            end = withoutCutSequence(head, length);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(head, 0, end));
        } catch (CharacterCodingException e) {
            return false;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B) || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The length without a trailing, incomplete UTF-8 sequence (at most 3 bytes). */
    private static int withoutCutSequence(byte[] head, int length) {
        for (int back = 1; back <= 3 && back <= length; back++) {
            int b = head[length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;                        // a continuation byte: look further back for the lead
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }

    /** The head as text from its first non-blank character (after a byte-order mark), at most 1024 chars, lower case. */
    private static String textStart(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.stripLeading();
        return text.substring(0, Math.min(text.length(), 1024)).toLowerCase(Locale.ROOT);
    }

    private static boolean looksLikeJson(String start) {
        if (start.isEmpty()) {
            return false;
        }
        char first = start.charAt(0);
        return first == '{' || first == '[' || first == '"' || first == '-' || Character.isDigit(first)
                || start.startsWith("true") || start.startsWith("false") || start.startsWith("null");
    }

    private static boolean looksLikeSvg(String start) {
        return start.startsWith("<") && start.contains("<svg");
    }
}
