package dev.trellis.bootstrap.wiring.file;

import dev.trellis.adapter.persistence.file.FilesStored;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The gauges {@code trellis.files.stored} (files referenced) and {@code trellis.files.stored.bytes} (their size in
 * all), read from the database at most once per {@code refresh}, however often Prometheus scrapes; -1 while the
 * database cannot be read.
 */
final class FilesStoredMeters implements MeterBinder {

    private static final FilesStored.Totals UNKNOWN = new FilesStored.Totals(-1, -1);

    private final Supplier<FilesStored.Totals> files;
    private final Duration refresh;
    private final Clock clock;
    private FilesStored.Totals totals = UNKNOWN;
    private Instant readAt = Instant.MIN;

    FilesStoredMeters(Supplier<FilesStored.Totals> files, Duration refresh, Clock clock) {
        this.files = files;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("trellis.files.stored", this, meters -> meters.totals().count())
                .description("Files referenced in the files table (cached, read at most once per refresh)").register(registry);
        Gauge.builder("trellis.files.stored.bytes", this, meters -> meters.totals().bytes()).baseUnit("bytes")
                .description("The size of all files referenced (cached, read at most once per refresh)").register(registry);
    }

    synchronized FilesStored.Totals totals() {
        Instant now = clock.instant();
        if (readAt.plus(refresh).isBefore(now)) {
            try {
                totals = files.get();
            } catch (RuntimeException e) {
                totals = UNKNOWN;
            }
            readAt = now;
        }
        return totals;
    }
}
