package dev.trellis.domain.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class TimeZoneNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Paris", "America/Sao_Paulo", "Asia/Kolkata", "Etc/UTC"})
    void real_iana_zones_are_accepted(String name) {
        assertThat(new TimeZoneName(name).zone()).isEqualTo(ZoneId.of(name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"Mars/Base", "+02:00", "UTC+2", "Z", "", "utc", "europe/paris", " Europe/Paris"})
    void offsets_and_made_up_names_are_refused(String name) {
        assertInvalid(() -> new TimeZoneName(name), "timezone", "timezone.unknown");
    }

    @Test
    void utc_is_the_constant() {
        assertThat(TimeZoneName.UTC.value()).isEqualTo("UTC");
    }
}
