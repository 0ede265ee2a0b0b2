package dev.trellis.bootstrap.runtime.kafka;

/** The relay is on, no Kafka is configured, and this build has no embedded broker to start. */
public class NoKafkaToConnectTo extends IllegalStateException {

    public NoKafkaToConnectTo() {
        super("No Kafka is configured and this build has no embedded broker: set KAFKA_BOOTSTRAP_SERVERS "
                + "(host:port[,host:port]), or TRELLIS_RELAY_ENABLED=false to run without publishing events");
    }
}
