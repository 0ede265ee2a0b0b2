package dev.trellis.adapter.messaging.relay;

import java.time.Instant;

/**
 * What the relay is doing, for health and logs.
 *
 * @param role            LEADER (relaying), STANDBY (another instance leads), STARTING or STOPPED
 * @param slotLagBytes    WAL the slot holds back, -1 when unknown (a standby does not measure it)
 * @param lastError       the last failure of the engine or the lock, null after a healthy run
 * @param failingSince    when the engine started failing without recovering, null when it runs
 */
public record RelayStatus(Role role, long slotLagBytes, String lastError, Instant failingSince) {

    public enum Role { STARTING, LEADER, STANDBY, STOPPED }
}
