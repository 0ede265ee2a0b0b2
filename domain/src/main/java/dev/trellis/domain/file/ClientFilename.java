package dev.trellis.domain.file;

import java.text.Normalizer;

/**
 * The name a client gave an upload, made safe to keep and to show: it is metadata only (where the
 * bytes live is Trellis's own storage key), so any folders in it are dropped, control and
 * bidirectional-formatting characters removed, and the rest kept as the user typed it.
 */
public final class ClientFilename {

    /** The name of an upload that came without a usable one. */
    public static final String FALLBACK = "file";

    private static final int MAX_EXTENSION = 16;

    private ClientFilename() {
    }

    public static String sanitize(String submitted) {
        if (submitted == null) {
            return FALLBACK;
        }
        String name = submitted;
        int separator = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(separator + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(ClientFilename::isKept).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return FALLBACK;
        }
        return truncate(name, StoredFile.MAX_FILENAME_LENGTH);
    }

    private static boolean isKept(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL            // C0, DEL, C1: NUL, CR, LF, ...
                && type != Character.FORMAT         // bidi overrides (U+202E), zero-width characters
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE      // an unpaired half
                && type != Character.UNASSIGNED;
    }

    /** At most {@code max} chars, keeping a short extension and never splitting a surrogate pair. */
    private static String truncate(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        int keep = max - extension.length();
        if (Character.isHighSurrogate(name.charAt(keep - 1))) {
            keep--;
        }
        return name.substring(0, keep).strip() + extension;
    }
}
