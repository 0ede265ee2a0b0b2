package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.persistence.file.FilesStored;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The files-stored gauges query at most once per refresh interval, however often they are read. */
class FilesStoredMetersTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void reads_the_totals_once_per_refresh_and_minus_one_while_the_database_fails() {
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger files = new AtomicInteger(3);
        boolean[] failing = {false};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new FilesStoredMeters(() -> {
            queries.incrementAndGet();
            if (failing[0]) {
                throw new IllegalStateException("database down");
            }
            return new FilesStored.Totals(files.get(), files.get() * 100L);
        }, Duration.ofSeconds(60), clock).bindTo(registry);

        for (int scrape = 0; scrape < 5; scrape++) {
            assertThat(registry.get("trellis.files.stored").gauge().value()).isEqualTo(3);
            assertThat(registry.get("trellis.files.stored.bytes").gauge().value()).isEqualTo(300);
        }
        assertThat(queries).hasValue(1);

        files.set(4);
        now = now.plusSeconds(30);
        assertThat(registry.get("trellis.files.stored").gauge().value()).as("still cached").isEqualTo(3);
        now = now.plusSeconds(31);
        assertThat(registry.get("trellis.files.stored").gauge().value()).isEqualTo(4);
        assertThat(queries).hasValue(2);

        failing[0] = true;
        now = now.plusSeconds(61);
        assertThat(registry.get("trellis.files.stored.bytes").gauge().value()).isEqualTo(-1);
    }
}
