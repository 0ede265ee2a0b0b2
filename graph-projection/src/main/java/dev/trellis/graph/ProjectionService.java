package dev.trellis.graph;

import dev.trellis.event.consumer.TrellisEventConsumer;
import dev.trellis.event.consumer.batch.EventTracing;
import dev.trellis.event.consumer.gap.SnapshotRequester;
import dev.trellis.graph.metrics.ProjectionMetrics;
import dev.trellis.graph.metrics.PrometheusEndpoint;
import dev.trellis.graph.metrics.SummaryLog;
import dev.trellis.graph.neo4j.EmbeddedNeo4j;
import dev.trellis.graph.neo4j.GraphSchema;
import dev.trellis.graph.neo4j.GraphWriter;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The projection, started: the consumer kit's {@link TrellisEventConsumer} (checked to reach a broker), Neo4j
 * (embedded, unless {@code NEO4J_URI} names a server), the driver (checked to connect and authenticate), the
 * schema, the writer behind the consumer's batch handler ({@link GraphProjection}) and the summary line.
 * Start-up problems end in a {@link StartupFailure} whose message is the one line to print. The projection
 * talks Bolt to Neo4j in both cases.
 */
public final class ProjectionService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionService.class);
    /** Records per poll, so per Neo4j transaction. */
    private static final int MAX_BATCH = 1000;

    private final ProjectionSettings settings;
    private TrellisEventConsumer consumer;
    private ProjectionMetrics metrics;
    private EmbeddedNeo4j embedded;
    private Driver driver;
    private GraphProjection projection;
    private SummaryLog summary;
    private PrometheusEndpoint prometheus;
    private String boltUri;

    private ProjectionService(ProjectionSettings settings) {
        this.settings = settings;
    }

    public static ProjectionService start(ProjectionSettings settings) {
        return start(settings, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /**
     * @param kafkaTimeout    how long to wait for a broker to answer at start-up
     * @param summaryInterval how often the summary line is logged
     * @throws StartupFailure with the one line to print
     */
    public static ProjectionService start(ProjectionSettings settings, Duration kafkaTimeout, Duration summaryInterval) {
        return start(settings, kafkaTimeout, summaryInterval, EventTracing.none());
    }

    /** @param tracing spans around each batch the projection applies ({@link EventTracing#none()}: none) */
    public static ProjectionService start(ProjectionSettings settings, Duration kafkaTimeout, Duration summaryInterval,
                                         EventTracing tracing) {
        ProjectionService service = new ProjectionService(settings);
        try {
            service.startAll(kafkaTimeout, summaryInterval, tracing);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private void startAll(Duration kafkaTimeout, Duration summaryInterval, EventTracing tracing) {
        long started = System.nanoTime();
        TrellisEventConsumer.Builder builder = TrellisEventConsumer.builder()
                .bootstrapServers(settings.bootstrapServers())
                .topicPrefix(settings.topicPrefix())
                .groupId(settings.groupId())
                .maxPollRecords(MAX_BATCH)
                .retryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30))
                // the application's relay creates the topics at its first start: find them soon when we started first
                .kafkaProperty("metadata.max.age.ms", 5000)
                // the projection is made once Neo4j is up, below; the consumer runs only after that
                .handler(batch -> projection.apply(batch))
                .tracing(tracing);
        if (settings.requestSnapshots()) {
            builder.requestSnapshotsOnGaps(SnapshotRequester.DEFAULT_WINDOW);
        }
        consumer = builder.build();
        if (settings.fromBeginning()) {
            consumer.resetToBeginning();
        }
        metrics = new ProjectionMetrics(consumer.metrics());
        if (settings.metricsPort() >= 0) {
            try {
                prometheus = PrometheusEndpoint.start(settings.metricsPort(), metrics, settings.groupId());
            } catch (PrometheusEndpoint.PortInUse e) {
                throw new StartupFailure("PrometheusEndpoint.PortInUse: " + e.getMessage());
            }
        }
        if (!consumer.brokersAnswer(kafkaTimeout)) {
            throw new StartupFailure("Kafka at " + settings.bootstrapServers() + " did not answer within " + kafkaTimeout.toSeconds()
                    + " s; start Trellis (its embedded broker listens on localhost:9092) or set KAFKA_BOOTSTRAP_SERVERS to your brokers");
        }
        long neo4jStarted = System.nanoTime();
        if (settings.embedded()) {
            try {
                embedded = EmbeddedNeo4j.start(settings.neo4jStore(), settings.boltPort());
            } catch (EmbeddedNeo4j.BoltPortInUse e) {
                throw new StartupFailure("EmbeddedNeo4j.BoltPortInUse: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new StartupFailure("The embedded Neo4j did not start on " + settings.neo4jStore().toAbsolutePath() + ": "
                        + rootMessage(e) + " (another projection on the same TRELLIS_DATA_DIR?)");
            }
            boltUri = embedded.boltUri();
        } else {
            boltUri = settings.neo4jUri();
        }
        driver = GraphDatabase.driver(boltUri, authToken(), Config.builder()
                .withLogging(Logging.slf4j())
                .withUserAgent("trellis-graph")
                .build());
        try {
            driver.verifyConnectivity();
            GraphSchema.ensure(driver, settings.neo4jDatabase());
        } catch (AuthenticationException e) {
            throw new StartupFailure("Neo4j at " + boltUri + " refused the credentials" + (settings.neo4jUsername() == null
                    ? " (none given)" : " of " + settings.neo4jUsername()) + ": set NEO4J_USERNAME and NEO4J_PASSWORD");
        } catch (ServiceUnavailableException e) {
            throw new StartupFailure("Neo4j at " + boltUri + " is not reachable (" + e.getMessage() + "); check NEO4J_URI");
        } catch (Neo4jException e) {
            throw new StartupFailure("Neo4j at " + boltUri + " refused the projection's schema: " + e.getMessage());
        }
        long neo4jReady = System.nanoTime();
        GraphWriter writer = new GraphWriter(driver, settings.neo4jDatabase());
        writer.warmUp();
        long planned = System.nanoTime();
        projection = new GraphProjection(writer, metrics);
        summary = new SummaryLog(metrics, summaryInterval);
        log.info("Graph projection: topics {}.{user,item,tag,file} on {} as group {}{}{}; {}{}; ready in {} ms (Neo4j {} ms, "
                        + "planning the statements {} ms)", settings.topicPrefix(), settings.bootstrapServers(), settings.groupId(),
                settings.fromBeginning() ? ", from the beginning" : "",
                settings.requestSnapshots() ? ", asking for snapshots on gaps on " + SnapshotRequester.topic(settings.topicPrefix()) : "",
                settings.describeNeo4j(boltUri),
                prometheus == null ? "" : "; metrics for Prometheus at http://localhost:" + prometheus.port() + "/metrics",
                (System.nanoTime() - started) / 1_000_000, (neo4jReady - neo4jStarted) / 1_000_000, (planned - neo4jReady) / 1_000_000);
    }

    private AuthToken authToken() {
        if (settings.neo4jUsername() == null && settings.neo4jPassword() == null) {
            return AuthTokens.none();
        }
        return AuthTokens.basic(settings.neo4jUsername() == null ? "neo4j" : settings.neo4jUsername(),
                settings.neo4jPassword() == null ? "" : settings.neo4jPassword());
    }

    /**
     * Follows the topics until {@link #stop()}, on the calling thread.
     *
     * @throws dev.trellis.event.contract.EventDecodingException a record the contract cannot read (the consumer
     *                                                           logged it, naming the record)
     */
    public void run() {
        consumer.run();
        Throwable failure = consumer.failure().orElse(null);
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Ends {@link #run()} after the batch in flight, its offsets committed; from any thread (a shutdown hook). */
    public void stop() {
        consumer.close();
    }

    public ProjectionMetrics metrics() {
        return metrics;
    }

    /** The port of the Prometheus endpoint, -1 without one ({@code TRELLIS_GRAPH_METRICS_PORT}). */
    public int metricsPort() {
        return prometheus == null ? -1 : prometheus.port();
    }

    /** Where Bolt clients reach the graph. */
    public String boltUri() {
        return boltUri;
    }

    @Override
    public void close() {
        if (summary != null) {
            summary.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Start-up could not complete; the message is the one line to print. */
    public static final class StartupFailure extends RuntimeException {
        public StartupFailure(String message) {
            super(message);
        }
    }
}
