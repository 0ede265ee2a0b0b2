package dev.trellis.domain.file;

import dev.trellis.domain.shared.InvalidInput;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code type/subtype} (RFC 6838 token characters), lower-cased, parameters dropped. */
public record MimeType(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    // after SHAPE: the constructor needs it while the class initialises
    public static final MimeType OCTET_STREAM = new MimeType("application/octet-stream");

    public MimeType {
        if (value == null) {
            throw InvalidInput.required("mimeType");
        }
        int semicolon = value.indexOf(';');
        value = (semicolon >= 0 ? value.substring(0, semicolon) : value).strip().toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidInput("mimeType", "mime_type.invalid", "must be type/subtype, e.g. image/png");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
