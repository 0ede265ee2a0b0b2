package dev.trellis.graph.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trellis.event.consumer.micrometer.MicrometerConsumerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The projection's meters for Prometheus at {@code http://<host>:<port>/metrics} (the JDK's HTTP server, one
 * thread): the kit's consumer meters ({@code trellis_consumer_*}, tagged {@code consumer} with the group id: events
 * by outcome, lag, batches, gaps, …), the commit-to-graph latency histogram ({@code trellis_graph_latency_seconds})
 * and the JVM's and the process's meters.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private PrometheusEndpoint(PrometheusMeterRegistry registry, HttpServer server) {
        this.registry = registry;
        this.server = server;
    }

    /**
     * @param port 0 picks a free one
     * @throws PortInUse when the port is taken
     */
    public static PrometheusEndpoint start(int port, ProjectionMetrics metrics, String consumer) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (BindException e) {
            throw new PortInUse(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrometheusEndpoint endpoint = new PrometheusEndpoint(registry, server);
        new MicrometerConsumerMetrics(metrics.consumer(), consumer).bindTo(registry);
        metrics.publishLatencyTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        endpoint.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        server.createContext("/metrics", endpoint::scrape);
        server.start();
        return endpoint;
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        gc.close();
        registry.close();
    }

    /** The metrics port is taken by another process. */
    public static final class PortInUse extends RuntimeException {
        PortInUse(int port) {
            super("port " + port + " is in use; set TRELLIS_GRAPH_METRICS_PORT to another (0 picks a free one)");
        }
    }
}
