package dev.trellis.bootstrap.auth;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Better Auth itself, run by Node.js for the interoperability test: the Node project kept in
 * {@code src/test/interop} (exact versions, a lock file) is copied into
 * {@code target/better-auth-interop} and installed there with {@code npm ci}. The install is kept
 * while {@code package.json}, {@code package-lock.json} and the Node.js version stay the same, so
 * repeated builds do not install again.
 * <p>
 * Without {@code node} on the PATH the calling test is skipped; a failed install fails it, with
 * npm's output.
 */
final class BetterAuthNode {

    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("\\{\"ready\":true,\"port\":(\\d+)");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private static BetterAuthNode prepared;

    private final Path node;
    private final Path workDir;

    private BetterAuthNode(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    /** For {@code @EnabledIf}: whether {@code node} is on the PATH. */
    static boolean nodeOnPath() {
        return onPath(WINDOWS ? "node.exe" : "node").isPresent();
    }

    /** Node.js found and the project installed, once per JVM; skips the test when there is no {@code node}. */
    static synchronized BetterAuthNode prepared() {
        if (prepared == null) {
            Path node = onPath(WINDOWS ? "node.exe" : "node").orElse(null);
            Assumptions.assumeTrue(node != null,
                    "Node.js (`node`) is not on the PATH: the Better Auth interoperability test needs Node.js 20 or newer and npm; skipped");
            Path npm = onPath(WINDOWS ? "npm.cmd" : "npm").orElseGet(() -> Assertions.fail(
                    "Node.js is at " + node + " but `npm` is not on the PATH: install npm to run the Better Auth interoperability test"));
            Path module = moduleDir();
            Path workDir = module.resolve("target/better-auth-interop");
            install(npm, node, module.resolve("src/test/interop"), workDir);
            prepared = new BetterAuthNode(node, workDir);
        }
        return prepared;
    }

    Path workDir() {
        return workDir;
    }

    /** Runs a script to its end; fails the test (with the script's output) on a non-zero exit or a timeout. */
    Result run(String script, Map<String, String> environment, Duration timeout) {
        Path logs = logsDir();
        String stem = script.replace(".mjs", "") + "-" + System.nanoTime();
        Path stdout = logs.resolve(stem + ".out");
        Path stderr = logs.resolve(stem + ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(node.toString(), script).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Result result = new Result(finished ? process.exitValue() : -1, read(stdout), read(stderr));
            if (!finished) {
                Assertions.fail("node " + script + " did not finish within " + timeout + "\n" + result.output());
            }
            if (result.exitCode() != 0) {
                Assertions.fail("node " + script + " exited with " + result.exitCode() + "\n" + result.output());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running node " + script, e);
        }
    }

    /** Starts a server script and waits for its {@code {"ready":true,"port":…}} line. */
    Server start(String script, Map<String, String> environment, Duration readyTimeout) {
        Path logs = logsDir();
        String stem = script.replace(".mjs", "") + "-" + System.nanoTime();
        Path stdout = logs.resolve(stem + ".out");
        Path stderr = logs.resolve(stem + ".err");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(node.toString(), script).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + script, e);
        }
        // The script stops when its standard input closes, so it does not outlive a JVM that dies without @AfterAll.
        Server server = new Server(script, process, process.getOutputStream(), stdout, stderr);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(read(stdout));
            if (ready.find()) {
                server.port = Integer.parseInt(ready.group(1));
                return server;
            }
            if (!process.isAlive()) {
                Assertions.fail("node " + script + " exited with " + process.exitValue() + " before it was ready\n" + server.output());
            }
            sleep(50);
        }
        server.close();
        return Assertions.fail("node " + script + " was not ready within " + readyTimeout + "\n" + server.output());
    }

    record Result(int exitCode, String stdout, String stderr) {
        /** The last line of standard output: where the scripts print their JSON report. */
        String lastLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        String output() {
            return "--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    static final class Server implements AutoCloseable {
        private final String script;
        private final Process process;
        private final OutputStream stdin;
        private final Path stdout;
        private final Path stderr;
        private int port;

        private Server(String script, Process process, OutputStream stdin, Path stdout, Path stderr) {
            this.script = script;
            this.process = process;
            this.stdin = stdin;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        int port() {
            return port;
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** What the server printed so far, for a failure message. */
        String output() {
            return "--- node " + script + " (pid " + process.pid() + (process.isAlive() ? ", running" : ", exited")
                    + ") stdout ---\n" + read(stdout) + "\n--- stderr ---\n" + read(stderr);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the process is gone
            }
        }
    }

    // --- installing ---

    private static void install(Path npm, Path node, Path source, Path workDir) {
        Assertions.assertTrue(Files.isRegularFile(source.resolve("package.json")), "no package.json in " + source);
        try {
            Files.createDirectories(workDir);
            // Builds running side by side on the same tree take turns here.
            try (FileChannel channel = FileChannel.open(workDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                copyProject(source, workDir);
                boolean locked = Files.isRegularFile(workDir.resolve("package-lock.json"));
                String fingerprint = fingerprint(workDir, nodeVersion(node));
                Path marker = workDir.resolve(".installed");
                if (Files.isDirectory(workDir.resolve("node_modules")) && Files.isRegularFile(marker)
                        && Files.readString(marker).strip().equals(fingerprint)) {
                    return;
                }
                Files.deleteIfExists(marker);
                List<String> command = new ArrayList<>(List.of(npm.toString(), locked ? "ci" : "install",
                        "--no-audit", "--no-fund", "--loglevel=warn"));
                Path log = workDir.resolve("npm-install.log");
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("NPM_CONFIG_UPDATE_NOTIFIER", "false");
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    Assertions.fail("`" + String.join(" ", command) + "` in " + workDir + " did not finish within "
                            + INSTALL_TIMEOUT + " (is the npm registry reachable?)\n" + read(log));
                }
                if (process.exitValue() != 0) {
                    Assertions.fail("`" + String.join(" ", command) + "` in " + workDir + " failed with exit code "
                            + process.exitValue() + " (is the npm registry reachable?)\n" + read(log));
                }
                Files.writeString(marker, fingerprint + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the Better Auth interop project in " + workDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the Better Auth interop project", e);
        }
    }

    private static void copyProject(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.toString().isEmpty() || relative.startsWith("node_modules")) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String fingerprint(Path workDir, String nodeVersion) throws IOException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String name : new String[]{"package.json", "package-lock.json"}) {
                Path file = workDir.resolve(name);
                sha256.update((name + "\0").getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(file)) {
                    sha256.update(Files.readAllBytes(file));
                }
            }
            sha256.update(("node " + nodeVersion).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String nodeVersion(Path node) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return Assertions.fail(node + " --version did not answer within " + VERSION_TIMEOUT);
        }
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
        Assertions.assertTrue(major.find() && Integer.parseInt(major.group(1)) >= 20,
                "the Better Auth interoperability test needs Node.js 20 or newer; " + node + " is " + version);
        return version;
    }

    // --- helpers ---

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The bootstrap module's folder, found from the compiled test classes ({@code target/test-classes}). */
    private static Path moduleDir() {
        try {
            Path classes = Path.of(BetterAuthNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path logsDir() {
        Path logs = workDir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
