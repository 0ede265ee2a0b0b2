package dev.trellis.graph;

import dev.trellis.graph.check.CheckCommand;
import dev.trellis.event.consumer.batch.EventTracing;
import dev.trellis.event.consumer.opentelemetry.OpenTelemetryEventTracing;
import dev.trellis.event.contract.EventDecodingException;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar trellis-graph.jar [--from-beginning] [--NAME=value …]}: follows Trellis's topics into
 * Neo4j until SIGTERM or Ctrl-C (README "Graph projection" lists the settings). A first argument that is
 * not an option names a subcommand. Exit status: 0 after a stop, 1 when start-up or the projection failed
 * (one line says why), 2 for unusable settings.
 */
public final class GraphProjectionMain {

    /** A subcommand of the jar: {@code java -jar trellis-graph.jar <name> [args]}. */
    @FunctionalInterface
    interface Subcommand {
        int run(String[] args, PrintStream out);
    }

    private static final Map<String, Subcommand> SUBCOMMANDS = Map.of("check", CheckCommand::run);

    private static final Logger log = LoggerFactory.getLogger(GraphProjectionMain.class);

    private GraphProjectionMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv());
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> environment) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            Subcommand subcommand = SUBCOMMANDS.get(args[0]);
            if (subcommand == null) {
                log.error("Unknown command {}; run without a command to follow the events into the graph", args[0]);
                return 2;
            }
            return subcommand.run(Arrays.copyOfRange(args, 1, args.length), System.out);
        }
        ProjectionSettings settings;
        try {
            settings = ProjectionSettings.from(args, environment);
        } catch (ProjectionSettings.InvalidSettings e) {
            log.error(e.getMessage());
            return 2;
        }
        OpenTelemetrySdk openTelemetry = ProjectionTracing.fromEnvironment(environment);
        if (openTelemetry != null) {
            log.info("Spans go over OTLP to {}", ProjectionTracing.endpoint(environment));
        }
        try {
            return follow(settings, openTelemetry == null ? EventTracing.none()
                    : OpenTelemetryEventTracing.of(openTelemetry, settings.groupId()));
        } finally {
            if (openTelemetry != null) {
                openTelemetry.close(); // flushes the spans not exported yet
            }
        }
    }

    private static int follow(ProjectionSettings settings, EventTracing tracing) {
        ProjectionService service;
        try {
            service = ProjectionService.start(settings, Duration.ofSeconds(10), Duration.ofSeconds(10), tracing);
        } catch (ProjectionService.StartupFailure e) {
            log.error(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.stop();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "graph-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.run();
            log.info("Stopped; offsets committed up to the last batch applied");
            return 0;
        } catch (EventDecodingException e) {
            // the consumer logged it in one line, naming the record and what to do; nothing of its batch is committed
            return 1;
        } catch (RuntimeException | Error e) {
            // the consumer logged it with its stack trace
            log.error("Stopped: {}", e.toString());
            return 1;
        } finally {
            service.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us: it is running now
            }
        }
    }
}
