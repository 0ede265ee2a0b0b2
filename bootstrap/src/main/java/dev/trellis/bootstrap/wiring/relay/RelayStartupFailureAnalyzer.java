package dev.trellis.bootstrap.wiring.relay;

import dev.trellis.adapter.messaging.relay.postgres.LogicalReplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A database without logical decoding stops start-up with one line naming the setting (or the switch). */
public class RelayStartupFailureAnalyzer extends AbstractFailureAnalyzer<LogicalReplication.Unavailable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LogicalReplication.Unavailable cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set wal_level=logical on the PostgreSQL server and restart it, or start Trellis with TRELLIS_RELAY_ENABLED=false "
                        + "(events then wait in the outbox table until a relay runs).", cause);
    }
}
