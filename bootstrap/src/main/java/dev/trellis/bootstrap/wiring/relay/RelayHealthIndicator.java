package dev.trellis.bootstrap.wiring.relay;

import dev.trellis.adapter.messaging.relay.OutboxRelay;
import dev.trellis.adapter.messaging.relay.RelayStatus;
import dev.trellis.adapter.messaging.relay.postgres.ReplicationSlots;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code relay} in /actuator/health: the role (leader or standby), the slot's WAL lag, the outbox
 * backlog, parked events, and the slots of this database no one reads ({@code abandonedSlots}, with the WAL
 * each holds). Down when the leader's engine has been failing for over a minute, or the slot or an abandoned
 * one holds more WAL than {@code trellis.relay.max-slot-lag}; a standby is up.
 */
class RelayHealthIndicator implements HealthIndicator {

    private static final Duration FAILING_TOO_LONG = Duration.ofMinutes(1);

    private final OutboxRelay relay;
    private final JdbcClient jdbc;

    RelayHealthIndicator(OutboxRelay relay, JdbcClient jdbc) {
        this.relay = relay;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        RelayStatus status = relay.status();
        Health.Builder health = Health.up();
        health.withDetail("role", status.role().name().toLowerCase())
                .withDetail("streaming", relay.isStreaming())
                .withDetail("slot", relay.settings().slotName())
                .withDetail("slotLagBytes", status.slotLagBytes());
        try {
            health.withDetail("parkedEvents", jdbc.sql("select count(*) from outbox_parked").query(Long.class).single());
        } catch (RuntimeException e) {
            health.withDetail("parkedEvents", "unknown: " + e.getMessage());
        }
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError());
        }
        if (status.failingSince() != null) {
            health.withDetail("failingSince", status.failingSince().toString());
            if (Duration.between(status.failingSince(), Instant.now()).compareTo(FAILING_TOO_LONG) > 0) {
                health.down();
            }
        }
        if (status.slotLagBytes() > relay.settings().maxSlotLagBytes()) {
            health.down().withDetail("reason", "the replication slot holds more WAL than trellis.relay.max-slot-lag");
        }
        try {
            List<ReplicationSlots.Abandoned> abandoned = ReplicationSlots.abandoned(jdbc, relay.settings().slotName());
            if (!abandoned.isEmpty()) {
                Map<String, Long> retained = new LinkedHashMap<>();
                abandoned.forEach(slot -> retained.put(slot.slotName(), slot.retainedBytes()));
                health.withDetail("abandonedSlots", retained)
                        .withDetail("abandonedSlotsHint", "inactive slots of this database hold WAL back for the whole server; "
                                + "if no relay will read one again: select pg_drop_replication_slot('<name>')");
                if (abandoned.stream().anyMatch(slot -> slot.retainedBytes() > relay.settings().maxSlotLagBytes())) {
                    health.down().withDetail("reason", "an abandoned replication slot holds more WAL than trellis.relay.max-slot-lag");
                }
            }
        } catch (RuntimeException e) {
            health.withDetail("abandonedSlots", "unknown: " + e.getMessage());
        }
        return health.build();
    }
}
