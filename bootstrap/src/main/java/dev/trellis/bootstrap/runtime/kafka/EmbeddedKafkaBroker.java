package dev.trellis.bootstrap.runtime.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one node) inside this JVM, keeping
 * its log in a folder that survives restarts. The folder is formatted once; later starts
 * on it keep the cluster id, the topics and their records. After {@link #close()}, {@link #start} on
 * the same folder and port brings the same broker back.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "localhost";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, int port) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
    }

    /**
     * Starts the broker on {@code localhost:port} (0: a free port) with its log in {@code logDir}, and
     * returns once it answers clients.
     *
     * @throws EmbeddedKafkaPortInUse when something else listens on the port
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        long startedAt = System.nanoTime();
        int brokerPort = port == 0 ? freePort() : requireFree(port);
        try {
            Files.createDirectories(logDir);
            formatIfNew(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded Kafka could not prepare its log in " + logDir + ": " + e.getMessage(), e);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config(logDir, brokerPort, freePort()), false), Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, logDir, brokerPort);
        try {
            server.startup();
            broker.awaitAnswering();
        } catch (RuntimeException e) {
            try {
                broker.close();
            } catch (RuntimeException shutdownFailure) {
                e.addSuppressed(shutdownFailure);
            }
            if (causedByBindFailure(e)) {
                throw new EmbeddedKafkaPortInUse(brokerPort); // taken between our check and the broker's bind
            }
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        log.info("Embedded Kafka broker on {} (started in {} ms) with its log in {}; watch events: {}java -jar trellis-app.jar watch",
                broker.bootstrapServers(), took.toMillis(), logDir,
                brokerPort == 9092 ? "" : "KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers() + " ");
        return broker;
    }

    /** {@code localhost:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker cleanly (its log is flushed and closed) and returns once it has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    private static Map<String, String> config(Path logDir, int port, int controllerPort) {
        Map<String, String> config = new HashMap<>(); // as in server.properties: every value a string
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica, or it could never be created.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("min.insync.replicas", "1");
        // One partition serves every consumer group of one node, and the first group starts faster than with 50.
        config.put("offsets.topic.num.partitions", "1");
        config.put("auto.create.topics.enable", "true");
        // Nobody else is coming: let a consumer group start at once instead of after 3 s.
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** Formats a new folder with a fresh cluster id; a folder formatted before keeps its own. */
    private static void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka could not format its log in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** The broker has registered with its controller and serves metadata: producers and consumers can start. */
    private void awaitAnswering() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded Kafka broker on " + bootstrapServers() + " did not answer within "
                    + READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static int requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the broker's own socket does: a recent stop's TIME_WAIT is no obstacle
            probe.bind(new InetSocketAddress(HOST, port));
            return port;
        } catch (IOException e) {
            throw new EmbeddedKafkaPortInUse(port);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
