package dev.trellis.application.auth.magiclink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value of a magic link's {@code verification} row, exactly as Better Auth writes and reads it:
 * {@code {"type":"magic-link","email":"…","name":"…"}} ({@code name} left out when not given). Better
 * Auth's reader is strict — no other keys, strings only — and so is this one.
 */
record MagicLinkRecord(String email, String name) {

    private static final Set<String> KEYS = Set.of("type", "email", "name");

    String toJson() {
        return "{\"type\":\"magic-link\",\"email\":" + quote(email) + (name == null ? "" : ",\"name\":" + quote(name)) + "}";
    }

    static Optional<MagicLinkRecord> parse(String json) {
        Map<String, String> fields = FlatJson.parse(json).orElse(null);
        if (fields == null || !KEYS.containsAll(fields.keySet()) || !"magic-link".equals(fields.get("type"))
                || fields.get("email") == null) {
            return Optional.empty();
        }
        return Optional.of(new MagicLinkRecord(fields.get("email"), fields.get("name")));
    }

    /** As JavaScript's {@code JSON.stringify} writes a string. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON object whose values are all strings; anything else is refused. */
    static final class FlatJson {
        private final String text;
        private int at;

        private FlatJson(String text) {
            this.text = text;
        }

        static Optional<Map<String, String>> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                FlatJson parser = new FlatJson(text);
                Map<String, String> fields = parser.object();
                parser.whitespace();
                return parser.at == text.length() ? Optional.of(fields) : Optional.empty();
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }

        private Map<String, String> object() {
            Map<String, String> fields = new LinkedHashMap<>();
            whitespace();
            expect('{');
            whitespace();
            if (peek() == '}') {
                at++;
                return fields;
            }
            while (true) {
                whitespace();
                String key = string();
                whitespace();
                expect(':');
                whitespace();
                if (fields.put(key, string()) != null) {
                    throw new IllegalArgumentException("duplicate key");
                }
                whitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return fields;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape");
                }
            }
        }

        private void whitespace() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private char peek() {
            return text.charAt(at);
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            at++;
        }
    }
}
