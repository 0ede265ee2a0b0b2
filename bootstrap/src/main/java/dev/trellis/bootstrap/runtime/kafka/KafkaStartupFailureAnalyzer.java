package dev.trellis.bootstrap.runtime.kafka;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Turns "no Kafka to talk to" into one clear line instead of a stack trace. */
public class KafkaStartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EmbeddedKafkaPortInUse portInUse) {
                return new FailureAnalysis(portInUse.getMessage(), "If a Kafka broker listens there, set "
                        + "KAFKA_BOOTSTRAP_SERVERS=localhost:" + portInUse.port() + "; otherwise stop what does, or give the "
                        + "embedded broker another port with TRELLIS_EMBEDDED_KAFKA_PORT.", failure);
            }
            if (cause instanceof NoKafkaToConnectTo noKafka) {
                return new FailureAnalysis(noKafka.getMessage(),
                        "Set KAFKA_BOOTSTRAP_SERVERS, or TRELLIS_RELAY_ENABLED=false.", failure);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
