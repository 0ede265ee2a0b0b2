package dev.trellis.bootstrap.command;

import dev.trellis.adapter.messaging.watch.EventWatcher;
import dev.trellis.bootstrap.runtime.kafka.KafkaBootstrapServers;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code java -jar trellis-app.jar watch [--from-beginning] [--topic=trellis.item ...]}: prints the events
 * Trellis publishes, one line per record, until Ctrl-C. It needs no database and starts no Spring
 * context; the cluster is {@code KAFKA_BOOTSTRAP_SERVERS}, else {@code spring.kafka.bootstrap-servers},
 * else the embedded broker ({@code localhost:} {@code trellis.embedded-kafka.port}, default 9092). Each
 * setting may come as {@code --name=value} or from the environment.
 */
public final class WatchCommand implements Command {

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String usage() {
        return "java -jar trellis-app.jar watch [--from-beginning] [--topic=trellis.item …]";
    }

    /** Returns 0 once stopped (Ctrl-C), 2 for arguments it does not take. */
    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = Settings.of(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: " + usage());
            return Commands.USAGE;
        }
        // No Spring context configures logging here: keep the Kafka client's INFO chatter off the console.
        LoggingSystem.get(WatchCommand.class.getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        EventWatcher watcher = settings.watcher(out::println);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watcher.stop();
            try {
                main.join(); // let the consumer leave its group before the JVM exits
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "watch-shutdown"));
        err.println("Watching " + settings.describe() + " (Ctrl-C stops)");
        watcher.run();
        return 0;
    }

    /** What to watch, from {@code --name=value} arguments over environment variables and system properties. */
    record Settings(String bootstrapServers, String topicPrefix, List<String> topicNames, boolean fromBeginning) {

        static Settings of(String[] args) {
            ApplicationArguments arguments = new DefaultApplicationArguments(args);
            if (!arguments.getNonOptionArgs().isEmpty()) {
                throw new IllegalArgumentException("watch takes --from-beginning and --topic=<name>, not " + arguments.getNonOptionArgs());
            }
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
            String servers = KafkaBootstrapServers.configured(environment);
            if (servers == null) {
                servers = "localhost:" + environment.getProperty("trellis.embedded-kafka.port", "9092");
            }
            List<String> topicNames = !arguments.containsOption("topic") ? List.of()
                    : arguments.getOptionValues("topic").stream()
                    .flatMap(topic -> Arrays.stream(topic.split(","))).map(String::strip).filter(topic -> !topic.isEmpty())
                    .toList();
            return new Settings(servers, environment.getProperty("trellis.relay.topic-prefix", "trellis"), topicNames,
                    arguments.containsOption("from-beginning"));
        }

        /** The named topics, or every topic under the prefix ({@code trellis.item}, {@code trellis.tag}, …). */
        Pattern topics() {
            return topicNames.isEmpty() ? Pattern.compile(Pattern.quote(topicPrefix + ".") + ".*")
                    : Pattern.compile(topicNames.stream().map(Pattern::quote).collect(Collectors.joining("|")));
        }

        String describe() {
            return (topicNames.isEmpty() ? topicPrefix + ".*" : String.join(", ", topicNames)) + " on " + bootstrapServers
                    + (fromBeginning ? " from the beginning" : "");
        }

        EventWatcher watcher(Consumer<String> out) {
            return new EventWatcher(bootstrapServers, topics(), fromBeginning, out);
        }
    }
}
