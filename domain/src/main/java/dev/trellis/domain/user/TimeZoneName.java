package dev.trellis.domain.user;

import dev.trellis.domain.shared.InvalidInput;

import java.time.ZoneId;

/** An IANA time-zone name known to the JDK's tz database, such as {@code Europe/Paris} or {@code UTC}. */
public record TimeZoneName(String value) {

    public static final TimeZoneName UTC = new TimeZoneName("UTC");

    public TimeZoneName {
        if (value == null || !ZoneId.getAvailableZoneIds().contains(value)) {
            throw new InvalidInput("timezone", "timezone.unknown", "must be an IANA time zone such as Europe/Paris");
        }
    }

    public ZoneId zone() {
        return ZoneId.of(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
