package dev.trellis.bootstrap.kafka;

import dev.trellis.bootstrap.runtime.kafka.EmbeddedKafkaBroker;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real Kafka broker per test JVM ({@link EmbeddedKafkaBroker} on a free port, its log in a
 * temporary folder), started on first use and stopped when the JVM exits.
 */
public final class TestKafka {

    private static EmbeddedKafkaBroker broker;

    private TestKafka() {
    }

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            quietBrokerLogs();
            Path logDir;
            try {
                logDir = Files.createTempDirectory("trellis-test-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start(logDir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                FileSystemUtils.deleteRecursively(logDir.toFile());
            }, "test-kafka-shutdown"));
            broker = started;
        }
        return broker;
    }

    /** {@code localhost:port} of the shared broker. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * Outside a Spring context Logback logs everything at DEBUG, and a broker logs a lot: keep Kafka's
     * own loggers at WARN, as application.yml does in the application.
     */
    public static void quietBrokerLogs() {
        LoggingSystem logging = LoggingSystem.get(TestKafka.class.getClassLoader());
        for (String logger : new String[]{"kafka", "org.apache.kafka", "state.change.logger"}) {
            logging.setLogLevel(logger, LogLevel.WARN);
        }
    }
}
