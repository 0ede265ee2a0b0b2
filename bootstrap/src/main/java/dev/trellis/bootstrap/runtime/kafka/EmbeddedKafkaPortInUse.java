package dev.trellis.bootstrap.runtime.kafka;

/** Something already listens on the embedded broker's port: most likely a Kafka the user runs. */
public class EmbeddedKafkaPortInUse extends IllegalStateException {

    private final int port;

    public EmbeddedKafkaPortInUse(int port) {
        super("port " + port + " is in use: set KAFKA_BOOTSTRAP_SERVERS to use that broker, "
                + "or trellis.embedded-kafka.port (TRELLIS_EMBEDDED_KAFKA_PORT) to another port");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
