package dev.trellis.adapter.messaging.relay;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Optional;

/** How far the relay has published ({@code relay_progress}): retention deletes only what is behind it. */
final class RelayProgress {

    private final JdbcClient jdbc;
    private final String relay;

    RelayProgress(JdbcClient jdbc, String relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    void advanceTo(long position) {
        jdbc.sql("""
                        insert into relay_progress (relay, relayed_position, relayed_at) values (?, ?, now())
                        on conflict (relay) do update
                        set relayed_position = greatest(relay_progress.relayed_position, excluded.relayed_position), relayed_at = now()""")
                .params(relay, position)
                .update();
    }

    Optional<Long> relayedPosition() {
        return jdbc.sql("select relayed_position from relay_progress where relay = ?").param(relay).query(Long.class).optional();
    }
}
