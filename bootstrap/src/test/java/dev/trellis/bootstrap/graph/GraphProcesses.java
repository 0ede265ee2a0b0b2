package dev.trellis.bootstrap.graph;

import dev.trellis.bootstrap.TrellisApplication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The downstream side as a user runs it: the graph projection's jar in a JVM of its own (killed with
 * {@code kill -9} on request), its {@code check} command, and the application's commands (snapshot,
 * relay replay-parked) in JVMs of their own. Output goes to {@code target/graph-sync/<name>.log}.
 */
final class GraphProcesses {

    static final Path LOGS = Path.of("target", "graph-sync");
    /** Built by the graph-projection module before this one (bootstrap's tests depend on it). */
    static final Path PROJECTION_JAR = Path.of("..", "graph-projection", "target", "trellis-graph.jar");
    private static final Set<Process> LIVING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVING.forEach(Process::destroyForcibly), "graph-sync-children"));
    }

    private GraphProcesses() {
    }

    /** What the projection and the checker are told: the broker, the topics, the consumer group, where Neo4j is. */
    record Downstream(String bootstrapServers, String topicPrefix, String groupId, int boltPort, Path dataDir) {

        Map<String, String> environment() {
            return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                    "TRELLIS_TOPIC_PREFIX", topicPrefix,
                    "TRELLIS_GRAPH_GROUP_ID", groupId,
                    "NEO4J_BOLT_PORT", Integer.toString(boltPort),
                    "TRELLIS_DATA_DIR", dataDir.toString());
        }

        String boltUri() {
            return "bolt://127.0.0.1:" + boltPort;
        }
    }

    /** The projection with its embedded Neo4j; ready when Bolt answers. */
    static final class Projection implements AutoCloseable {

        private final Process process;
        final Path log;

        private Projection(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Projection start(String name, Downstream downstream, String... args) throws IOException, InterruptedException {
            requireJar();
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx768m", "-XX:+UseSerialGC", "-jar",
                    PROJECTION_JAR.toAbsolutePath().toString()));
            command.addAll(List.of(args));
            Path log = log(name);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(downstream.environment());
            Process process = builder.start();
            LIVING.add(process);
            Projection projection = new Projection(process, log);
            projection.awaitBolt(downstream.boltPort(), Duration.ofSeconds(120));
            return projection;
        }

        private void awaitBolt(int port, Duration timeout) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the projection exited with " + process.exitValue() + " before Neo4j answered; see "
                            + log.toAbsolutePath() + ":\n" + tail(log));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            throw new AssertionError("the projection's Neo4j did not answer on " + port + " within " + timeout.toSeconds()
                    + " s; see " + log.toAbsolutePath() + ":\n" + tail(log));
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** kill -9: Neo4j recovers its store on the next start, Kafka re-delivers what was not committed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            LIVING.remove(process);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: the projection's own shutdown
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            }
            LIVING.remove(process);
        }
    }

    record Outcome(int exitCode, String output) {
    }

    /** {@code java -jar trellis-graph.jar check …}, to its end. */
    static Outcome check(String name, Downstream downstream, List<String> args, Duration timeout) throws Exception {
        requireJar();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", PROJECTION_JAR.toAbsolutePath().toString(), "check"));
        command.addAll(args);
        return run(name, command, downstream.environment(), timeout);
    }

    /** One of the application's commands ({@code snapshot}, {@code relay replay-parked}) in a JVM of its own, to its end. */
    static Outcome appCommand(String name, List<String> args, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), TrellisApplication.class.getName()));
        command.addAll(args);
        return run(name, command, Map.of(), timeout);
    }

    /** Starts an application command without waiting for it. */
    static Process startAppCommand(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), TrellisApplication.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
        LIVING.add(process);
        return process;
    }

    static Outcome awaitExit(String name, Process process, Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within " + timeout.toSeconds() + " s; see " + log(name).toAbsolutePath());
        }
        LIVING.remove(process);
        return new Outcome(process.exitValue(), Files.readString(log(name), StandardCharsets.UTF_8));
    }

    private static Outcome run(String name, List<String> command, Map<String, String> environment, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        LIVING.add(process);
        return awaitExit(name, process, timeout);
    }

    private static Path log(String name) throws IOException {
        Files.createDirectories(LOGS);
        return LOGS.resolve(name + ".log").toAbsolutePath();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void requireJar() {
        if (!Files.isRegularFile(PROJECTION_JAR)) {
            throw new AssertionError(PROJECTION_JAR.toAbsolutePath() + " is missing: build the projection first "
                    + "(./mvnw -pl graph-projection -am package -DskipTests), or run the whole build");
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
