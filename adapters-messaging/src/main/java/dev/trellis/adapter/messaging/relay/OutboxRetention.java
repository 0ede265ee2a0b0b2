package dev.trellis.adapter.messaging.relay;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/**
 * Deletes published events older than the retention from {@code outbox}, in batches (short
 * transactions, no long lock). Rows the relay has not published yet are kept whatever their age:
 * with the relay switched off, events wait.
 */
final class OutboxRetention {

    static final int BATCH_SIZE = 5_000;

    private final JdbcClient jdbc;
    private final RelayProgress progress;
    private final Duration retention;

    OutboxRetention(JdbcClient jdbc, RelayProgress progress, Duration retention) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.retention = retention;
    }

    /** Returns how many rows were deleted. */
    long deleteExpired() {
        Long relayedPosition = progress.relayedPosition().orElse(null);
        if (relayedPosition == null) {
            return 0;
        }
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from outbox where position in (
                                select position from outbox
                                where created_at < now() - make_interval(secs => ?) and position <= ?
                                order by position limit ?)""")
                    .params((double) retention.toSeconds(), relayedPosition, BATCH_SIZE)
                    .update();
            total += deleted;
        } while (deleted == BATCH_SIZE);
        return total;
    }
}
