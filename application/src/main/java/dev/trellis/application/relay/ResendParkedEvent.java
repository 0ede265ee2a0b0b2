package dev.trellis.application.relay;

/**
 * Sends a parked event to Kafka again with its original id and headers. Acknowledged, it is no longer
 * parked; refused again, it stays parked with the new reason and one more attempt.
 */
public interface ResendParkedEvent {

    /** @return whether Kafka acknowledged it */
    boolean resend(ParkedEvent event) throws InterruptedException;
}
