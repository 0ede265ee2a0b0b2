package dev.trellis.graph.check.compare;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * One property value rendered the same way from either side, with its type in front, so that equal values
 * render equally and a value of another type (a string where a DATETIME belongs, a float for an integer)
 * never does: {@code s} text, {@code b} boolean, {@code i} integer, {@code t} instant (exact to the
 * nanosecond: a microsecond off is a difference). A graph DATETIME in a zone other than UTC renders with its
 * zone, since the model keeps timestamps in UTC.
 */
public final class CanonicalValue {

    private static final int DISPLAY_LIMIT = 80;

    private CanonicalValue() {
    }

    public static String text(String value) {
        return "s" + value;
    }

    public static String bool(boolean value) {
        return value ? "btrue" : "bfalse";
    }

    public static String integer(long value) {
        return "i" + value;
    }

    /** Seconds and nanoseconds since the epoch: cheap to make from either side, exact. */
    static String instant(long epochSecond, int nano) {
        String nanos = Integer.toString(nano);
        return "t" + epochSecond + "." + "000000000".substring(nanos.length()) + nanos;
    }

    static String instant(Instant value) {
        return instant(value.getEpochSecond(), value.getNano());
    }

    /** PostgreSQL's microseconds since the epoch. */
    public static String epochMicros(long micros) {
        return instant(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1_000);
    }

    /** A value as the Neo4j driver hands it over. */
    public static String ofGraph(Object value) {
        if (value instanceof String text) {
            return text(text);
        }
        if (value instanceof Boolean bool) {
            return bool(bool);
        }
        if (value instanceof Long number) {
            return integer(number);
        }
        if (value instanceof ZonedDateTime dateTime) {
            boolean utc = dateTime.getZone().normalized().equals(ZoneOffset.UTC);
            return instant(dateTime.toInstant()) + (utc ? "" : "[" + dateTime.getZone() + "]");
        }
        if (value instanceof Double number) {
            return "d" + number;
        }
        return "?" + value.getClass().getSimpleName() + " " + value;
    }

    /** For people: strings quoted (and cut when long), timestamps as ISO instants, other types named. */
    static String display(String canonical) {
        if (canonical == null) {
            return "(absent)";
        }
        String value = canonical.substring(1);
        switch (canonical.charAt(0)) {
            case 's':
                String shown = value.length() > DISPLAY_LIMIT ? value.substring(0, DISPLAY_LIMIT) + "…" : value;
                return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
            case 'b':
            case 'i':
                return value;
            case 't':
                int dot = value.indexOf('.');
                int zone = value.indexOf('[');
                Instant instant = Instant.ofEpochSecond(Long.parseLong(value.substring(0, dot)),
                        Long.parseLong(value.substring(dot + 1, zone < 0 ? value.length() : zone)));
                return instant + (zone < 0 ? "" : value.substring(zone));
            case 'd':
                return value + " (float)";
            default:
                return value + " (unexpected type)";
        }
    }
}
