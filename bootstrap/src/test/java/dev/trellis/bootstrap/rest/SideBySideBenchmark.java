package dev.trellis.bootstrap.rest;

import com.sun.tools.attach.VirtualMachine;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application beside what PostgreSQL alone does for the same request, each measured by a load
 * generator of its own outside the application's JVM: {@code pgbench} runs only the statements a
 * request needs (the floor), {@code wrk} runs the request against the application in a JVM of its own.
 * Printed, never asserted.
 * <pre>
 * ./mvnw -B -ntp -pl bootstrap -am test -Dbenchmark=true -Dtest=SideBySideBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The data set is {@link BenchmarkData}'s (10,000 users with a session each, 1,000,000 items with one to three of
 * 50 tags) on a database of its own on the test PostgreSQL server (fsync off, as every test server here); the
 * application is {@link TrellisApplication}'s {@code main} in a child JVM on that database, with the relay off
 * (events wait in the outbox), no demo data and rate limits off, except for one last get-session run with the
 * database rate limiter on. Client n (of 16) is user {@code 1 + n * users / clients} in both tools: pgbench's
 * {@code :client_id}, wrk's thread n (one connection per thread) with that user's signed cookie.
 * Besides requests/s, p50 and p99 it prints the application JVM's CPU per request, in all and in Tomcat's request
 * threads alone, which other work on the cores hardly moves.
 * {@code -Dbenchmark.clients}, {@code .seconds} (20), {@code .warmup-seconds} (60, the JIT's, spread over the
 * routes, before the first measurement), {@code .users}, {@code .items}, {@code .tags}, {@code .jvm-args} (for the
 * application's JVM, space-separated) and {@code .app-env} (extra environment, {@code NAME=value,NAME=value}) change it;
 * {@code -Dbenchmark.profile=true} profiles the application's JVM with async-profiler during each measured wrk run
 * ({@code -Dbenchmark.profile-event}: cpu, alloc, wall), into {@code target/side-by-side-profile-<route>.html} and
 * {@code .collapsed}. Report: {@code bootstrap/target/side-by-side-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SideBySideBenchmark {

    static final String DATABASE = "side_by_side";
    static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);
    static final int PGBENCH_THREADS = 2;
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 60);
    static final int USERS = Integer.getInteger("benchmark.users", 10_000);
    static final int ITEMS = Integer.getInteger("benchmark.items", 1_000_000);
    static final int TAGS = Integer.getInteger("benchmark.tags", 50);
    static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");
    static final String PROFILE_EVENT = System.getProperty("benchmark.profile-event", "cpu");
    static final Path PROFILER = Path.of("target", "async-profiler", "linux-x64", "libasyncProfiler.so");
    static final Path WORK = Path.of("target", "side-by-side").toAbsolutePath();
    static final String REPORT = "target/side-by-side-benchmark.txt";
    static final String ORIGIN = AuthTestSupport.ORIGIN;

    /** The item every POST makes: two tags, as ItemsBenchmark's clients make them. */
    static final String CREATE_BODY = "{\"title\":\"Benchmark item\",\"description\":\"Made by the benchmark\",\"status\":\"published\","
            + "\"tagIds\":[\"" + BenchmarkData.tagId(1) + "\",\"" + BenchmarkData.tagId(1 + TAGS / 2) + "\"]}";

    /** Client n's user, in SQL: pgbench's :client_id runs from 0. */
    static final String USER = "\\set u 1 + :client_id * " + (USERS / CLIENTS) + "\n";

    /** The session by its token, with its user, not expired: what every authenticated request needs first. */
    static final String SESSION = """
            select s.id, s.token, s.user_id, s.expires_at, s.created_at, s.updated_at, s.ip_address, s.user_agent,
                   u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at, u.two_factor_enabled
              from session s join "user" u on u.id = s.user_id
             where s.token = 'benchtoken' || lpad(:u::text, 22, '0') and s.expires_at > now();
            """;

    /** The user's 50 newest items (and one more: is there a next page?) with their tags aggregated. */
    static final String PAGE = """
            select i.id, i.user_id, i.title, i.description, i.content, i.status, i.image_url, i.created_at, i.updated_at, i.version,
                   (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color,
                                   'createdBy', t.created_by, 'createdAt', t.created_at, 'version', t.version) order by t.name), '[]')
                      from item_tags it join tags t on t.id = it.tag_id where it.item_id = i.id) as tags
              from items i where i.user_id = 'usr_' || lpad(:u::text, 12, '0')
             order by i.created_at desc, i.id desc limit 51;
            """;

    /** The item, its two tags and its event, in one transaction, as the use case writes them (the marker first). */
    static final String CREATE = """
            \\set r random(100000000000, 999999999999)
            begin;
            select set_config('trellis.events_by_app', 'on', true);
            insert into items (id, user_id, title, description, content, status, image_url, created_at, updated_at, version)
                 values ('itm_' || :r, 'usr_' || lpad(:u::text, 12, '0'), 'Benchmark item', 'Made by the benchmark', null,
                         'published', null, now(), now(), 1);
            insert into item_tags (item_id, tag_id) values ('itm_' || :r, '%s'), ('itm_' || :r, '%s');
            insert into outbox (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at)
                 values ('obx_' || :r, 'item', 'itm_' || :r, 'item.created',
                         jsonb_build_object('id', 'itm_' || :r, 'userId', 'usr_' || lpad(:u::text, 12, '0'), 'title', 'Benchmark item',
                                 'description', 'Made by the benchmark', 'content', null, 'status', 'published', 'imageUrl', null,
                                 'tagIds', jsonb_build_array('%s', '%s'), 'fileIds', jsonb_build_array(),
                                 'createdAt', now(), 'updatedAt', now())
                         || jsonb_build_object('version', trellis_next_version('item', 'itm_' || :r)), null, now());
            commit;
            """.formatted(BenchmarkData.tagId(1), BenchmarkData.tagId(1 + TAGS / 2), BenchmarkData.tagId(1), BenchmarkData.tagId(1 + TAGS / 2));

    record Route(String name, String method, String path, String floorScript, String floorWhat) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET /api/items?limit=50", "GET", "/api/items?limit=50", USER + SESSION + PAGE,
                    "session with user, then 50 newest items with tags aggregated"),
            new Route("GET /api/auth/get-session", "GET", "/api/auth/get-session", USER + SESSION, "session with user"),
            new Route("POST /api/items (2 tags)", "POST", "/api/items", USER + SESSION + CREATE,
                    "session with user, then item + 2 tags + outbox in one transaction"));

    /**
     * A run's figures; {@code cpuPerRequest}: ms of the application JVM's CPU per request, {@code requestCpu} the part of
     * it in Tomcat's request threads (no JIT compiler, no GC); both 0 for the floor.
     */
    record Figures(double rate, double p50, double p99, long failed, double cpuPerRequest, double requestCpu) {
    }

    private final Map<String, Figures[]> results = new LinkedHashMap<>();
    private Process app;
    private int port;
    /** The application runs with the rate limiter on: wrk sends each request from another forwarded address. */
    private boolean rateLimitedRun;

    @Test
    void side_by_side() throws Exception {
        Files.createDirectories(WORK);
        Files.writeString(Path.of(REPORT), "Trellis side-by-side benchmark, " + Instant.now() + System.lineSeparator());
        requireTools();

        DataSource database = TestPostgres.freshDatabase(DATABASE);
        String jdbcUrl = TestPostgres.server().getJdbcUrl("postgres", DATABASE);
        try {
            app = startApplication(jdbcUrl, false);
            long began = System.nanoTime();
            BenchmarkData.loadUsersTagsAndSessions(database, USERS, TAGS);
            BenchmarkData.loadItems(database, 1, ITEMS, USERS, TAGS);
            BenchmarkData.vacuumAnalyze(database);
            print(String.format(Locale.ROOT, "Data: %d users with a session each, %d items, %d tags (made in %.0f s) on PostgreSQL %s"
                            + " (the test server: fsync off); the application: %s; rate limits off",
                    USERS, ITEMS, TAGS, (System.nanoTime() - began) / 1e9, serverVersion(database), "TrellisApplication.main in a child JVM"));
            Path cookies = writeCookies();
            writeScripts();

            // The JIT's warm-up, unmeasured: each route in turn until WARMUP_SECONDS are spent.
            long warm = System.nanoTime();
            for (int round = 0; System.nanoTime() - warm < Duration.ofSeconds(WARMUP_SECONDS).toNanos(); round++) {
                Route route = ROUTES.get(round % ROUTES.size());
                wrk(route, cookies, Math.max(5, WARMUP_SECONDS / 6), false);
            }
            print(String.format(Locale.ROOT, "JVM warm-up: %.0f s of wrk over the routes", (System.nanoTime() - warm) / 1e9));

            for (Route route : ROUTES) {
                Figures floor = pgbench(route);
                Figures trellis = wrk(route, cookies, SECONDS, true);
                results.put(route.name(), new Figures[]{floor, trellis});
                print(String.format(Locale.ROOT, "%s: floor (%s) %.0f/s, p50 %.2f ms, p99 %.2f ms; Trellis %.0f/s, p50 %.2f ms,"
                                + " p99 %.2f ms, %d failed, %.3f ms of application CPU per request (%.3f in request threads);"
                                + " ratio %.2f; load average %.2f",
                        route.name(), route.floorWhat(), floor.rate, floor.p50, floor.p99, trellis.rate, trellis.p50, trellis.p99,
                        trellis.failed, trellis.cpuPerRequest, trellis.requestCpu, trellis.rate / floor.rate, load()));
            }
            stop(app);

            // The same get-session with the rate limiter on (database storage), each request from another address.
            app = startApplication(jdbcUrl, true);
            Route session = ROUTES.get(1);
            wrk(session, cookies, Math.max(10, WARMUP_SECONDS / 3), false);
            Figures limited = wrk(session, cookies, SECONDS, false);
            Figures[] unlimited = results.get(session.name());
            results.put(session.name() + ", rate limiter on (database)", new Figures[]{unlimited[0], limited});

            summary();
        } finally {
            if (app != null) {
                stop(app);
            }
        }
    }

    // --- the tools ---

    private static void requireTools() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("wrk", "pgbench")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String packages;
            try (InputStream in = SideBySideBenchmark.class.getResourceAsStream("/benchmark/debian-packages.txt")) {
                packages = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
            }
            throw new AssertionError(missing + " not found; on Debian: apt-get install -y " + packages
                    + " (bootstrap/src/test/resources/benchmark/debian-packages.txt)");
        }
        print("Tools: " + firstLine("wrk", "-v") + "; " + firstLine("pgbench", "--version"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.lines().findFirst().orElse("").trim();
    }

    private Path writeCookies() throws IOException {
        SessionCookieSigner signer = new SessionCookieSigner(AuthTestSupport.SECRET);
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            lines.add("better-auth.session_token=" + SessionCookieSigner.encodeCookieValue(signer.sign(BenchmarkData.sessionToken(user(c)))));
        }
        Path file = WORK.resolve("cookies.txt");
        Files.write(file, lines);
        return file;
    }

    private static int user(int client) {
        return 1 + client * (USERS / CLIENTS);
    }

    private static void writeScripts() throws IOException {
        for (Route route : ROUTES) {
            Files.writeString(script(route), route.floorScript());
        }
        try (InputStream in = SideBySideBenchmark.class.getResourceAsStream("/benchmark/wrk-users.lua")) {
            Files.write(WORK.resolve("wrk-users.lua"), in.readAllBytes());
        }
    }

    private static Path script(Route route) {
        return WORK.resolve("floor-" + slug(route) + ".sql");
    }

    private static String slug(Route route) {
        return route.path().replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "") + "-" + route.method().toLowerCase(Locale.ROOT);
    }

    // --- the floor ---

    private Figures pgbench(Route route) throws Exception {
        Path logs = Files.createDirectories(WORK.resolve("pgbench-" + slug(route)));
        try (var old = Files.list(logs)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(CLIENTS),
                "-j", Integer.toString(PGBENCH_THREADS), "-T", Integer.toString(SECONDS), "-f", script(route).toString(),
                "-l", "--log-prefix=" + logs.resolve("tx"),
                "-h", "localhost", "-p", Integer.toString(TestPostgres.server().getPort()), "-U", "postgres", DATABASE);
        Process process = new ProcessBuilder(command).directory(logs.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("pgbench failed:\n" + out);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(out);
        if (!tps.find()) {
            throw new AssertionError("no tps in pgbench's output:\n" + out);
        }
        // Each transaction's latency in µs is the third field of pgbench's per-transaction log.
        List<Long> micros = new ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.split(" ");
                    if (fields.length > 2 && fields[2].matches("\\d+")) {
                        micros.add(Long.parseLong(fields[2]));
                    }
                }
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Figures(Double.parseDouble(tps.group(1)), percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3,
                failed.find() ? Long.parseLong(failed.group(1)) : 0, 0, 0);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // --- the application ---

    private Process startApplication(String jdbcUrl, boolean rateLimited) throws Exception {
        port = freePort();
        rateLimitedRun = rateLimited;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jvmArgs = System.getProperty("benchmark.jvm-args", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(Arrays.asList(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrellisApplication.class.getName()));
        Path log = WORK.resolve(rateLimited ? "app-rate-limited.log" : "app.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("BETTER_AUTH_SECRET", AuthTestSupport.SECRET);
        env.put("BETTER_AUTH_URL", ORIGIN);
        env.put("TRELLIS_DATA_DIR", Files.createDirectories(WORK.resolve("data")).toString());
        env.put("TRELLIS_RELAY_ENABLED", "false");
        env.put("TRELLIS_DEMO_DATA", "false");
        env.put("TRELLIS_AUTH_RATE_LIMIT_ENABLED", Boolean.toString(rateLimited));
        env.put("TRELLIS_AUTH_RATE_LIMIT_STORAGE", "database");
        env.put("TRELLIS_FILES_SWEEP_ENABLED", "false");
        if (rateLimited) {
            env.put("SERVER_FORWARD_HEADERS_STRATEGY", "framework");
        }
        for (String pair : System.getProperty("benchmark.app-env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the application was not ready within 180 s; see " + log);
            }
            Thread.sleep(250);
        }
        print("Application started (pid " + process.pid() + ", port " + port + (rateLimited ? ", rate limiter on, database storage" : "")
                + (jvmArgs.isEmpty() ? "" : ", JVM " + jvmArgs) + (System.getProperty("benchmark.app-env", "").isBlank() ? ""
                : ", " + System.getProperty("benchmark.app-env")) + "); log " + log);
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- the load ---

    private Figures wrk(Route route, Path cookies, int seconds, boolean measured) throws Exception {
        checkOnce(route, cookies);
        boolean profiled = PROFILE && measured;
        if (profiled) {
            profile("start,event=" + PROFILE_EVENT + ",threads" + (PROFILE_EVENT.equals("wall") ? ",interval=5ms" : ""));
        }
        List<String> command = List.of("wrk", "-t", Integer.toString(CLIENTS), "-c", Integer.toString(CLIENTS),
                "-d", seconds + "s", "--latency", "--timeout", "10s", "-s", WORK.resolve("wrk-users.lua").toString(),
                "http://localhost:" + port + route.path());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("WRK_COOKIES", cookies.toString());
        builder.environment().put("WRK_METHOD", route.method());
        if (route.method().equals("POST")) {
            builder.environment().put("WRK_BODY", CREATE_BODY);
            builder.environment().put("WRK_ORIGIN", ORIGIN);
        }
        if (rateLimitedRun) {
            builder.environment().put("WRK_FORWARDED_FOR", "1");
        }
        long cpuBefore = cpuNanos(app);
        long requestCpuBefore = requestThreadTicks(app);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("wrk failed:\n" + out);
        }
        long cpu = cpuNanos(app) - cpuBefore;
        long requestTicks = requestThreadTicks(app) - requestCpuBefore;
        if (profiled) {
            Path base = Path.of("target", "side-by-side-profile-" + slug(route)).toAbsolutePath();
            profile("dump,collapsed,threads,file=" + base + ".collapsed");
            profile("stop,file=" + base + ".html");
            print("  profile (" + PROFILE_EVENT + ") of the application during the measured run: " + base + ".html");
        }
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rate.find()) {
            throw new AssertionError("no Requests/sec in wrk's output:\n" + out);
        }
        long failed = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (non2xx.find()) {
            failed += Long.parseLong(non2xx.group(1));
        }
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failed += Long.parseLong(errors.group(g));
            }
        }
        Matcher total = Pattern.compile("(\\d+) requests in").matcher(out);
        double requests = total.find() ? Double.parseDouble(total.group(1)) : 0;
        return new Figures(Double.parseDouble(rate.group(1)), latency(out, "50%"), latency(out, "99%"), failed,
                requests == 0 ? 0 : cpu / 1e6 / requests, requests == 0 ? 0 : requestTicks * 10.0 / requests);
    }

    /**
     * CPU of the application's Tomcat request threads ({@code http-nio-*}) in clock ticks (10 ms), from
     * {@code /proc/<pid>/task/<tid>/stat}: the requests' own work, without the JIT compiler and the GC. Threads that
     * ended between two readings are lost, which the default pool (its threads live on) does not do under steady load.
     */
    private static long requestThreadTicks(Process process) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith("http-nio")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        } catch (IOException notLinux) {
            return 0;
        }
        return ticks;
    }

    /** The CPU the application's JVM has used (all its threads, user and system): what a request costs it, however busy the cores. */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** One request with client 0's cookie: the route answers as it should before it is loaded. */
    private void checkOnce(Route route, Path cookies) throws Exception {
        String cookie = Files.readAllLines(cookies).get(0);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + route.path())).header("Cookie", cookie);
        if (route.method().equals("POST")) {
            request.header("Origin", ORIGIN).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CREATE_BODY));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        int expected = route.method().equals("POST") ? 201 : 200;
        if (response.statusCode() != expected || response.body().length() < 20) {
            throw new AssertionError(route.name() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** wrk's latency distribution line ("99%  12.34ms") in milliseconds. */
    private static double latency(String out, String percentile) {
        Matcher matcher = Pattern.compile("^\\s+" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no " + percentile + " latency in wrk's output:\n" + out);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1e3;
            case "s" -> value * 1e3;
            default -> value;
        };
    }

    private void profile(String command) throws Exception {
        if (!Files.isRegularFile(PROFILER)) {
            throw new IllegalStateException(PROFILER.toAbsolutePath() + " is missing: -Dbenchmark.profile=true on the Maven command"
                    + " line unpacks it (the benchmark-profile profile of bootstrap's pom)");
        }
        VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
        try {
            vm.loadAgentPath(PROFILER.toAbsolutePath().toString(), command);
        } finally {
            vm.detach();
        }
    }

    // --- the report ---

    private void summary() {
        print("");
        print(String.format(Locale.ROOT, "%d clients, %d s each, load average %.2f (2 cores shared by PostgreSQL, the application and the load generator)",
                CLIENTS, SECONDS, load()));
        print(String.format(Locale.ROOT, "%-58s %9s %9s %6s %9s %9s %9s %9s %7s %11s %11s", "", "floor/s", "Trellis/s", "ratio",
                "floor p50", "floor p99", "p50 ms", "p99 ms", "failed", "app CPU ms", "request CPU"));
        results.forEach((name, figures) -> print(String.format(Locale.ROOT,
                "%-58s %9.0f %9.0f %6.2f %9.2f %9.2f %9.2f %9.2f %7d %11.3f %11.3f",
                name, figures[0].rate, figures[1].rate, figures[1].rate / figures[0].rate, figures[0].p50, figures[0].p99,
                figures[1].p50, figures[1].p99, figures[1].failed, figures[1].cpuPerRequest, figures[1].requestCpu)));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String serverVersion(DataSource database) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void print(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of(REPORT), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
