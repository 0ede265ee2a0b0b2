package dev.trellis.event.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format of every payload and of {@code ce_time}, whoever writes it (a use case, a
 * trigger, a snapshot): RFC 3339 in UTC with {@code Z} and always six fractional digits,
 * {@code 2026-11-30T09:12:44.123456Z}. PostgreSQL keeps microseconds, so nothing is lost or invented.
 */
public final class EventTimestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventTimestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Parses the contract's format (and, leniently, any RFC 3339 instant in UTC). */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp in UTC: " + text, e);
        }
    }
}
