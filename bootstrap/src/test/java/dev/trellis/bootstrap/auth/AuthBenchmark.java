package dev.trellis.bootstrap.auth;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.adapter.web.auth.out.password.BetterAuthPasswordHasher;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What authentication costs, measured and printed, never asserted: authenticated get-session
 * throughput and latency under concurrent clients, the cost of a sign-in (scrypt N=16384, r=16)
 * and of the bare hash, and the plans of the lookups behind every authenticated request.
 * <p>
 * Not part of {@code verify} (its name is not a test name, and it needs {@code -Dbenchmark=true}):
 * <pre>
 * ./mvnw -pl bootstrap -am test -Dbenchmark=true -Dtest=AuthBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dbenchmark.clients} (16), {@code -Dbenchmark.seconds} (20), {@code -Dbenchmark.warmup-seconds} (5),
 * {@code -Dbenchmark.sign-ins} (50), {@code -Dbenchmark.users} (10000) and {@code -Dbenchmark.sessions} (100000
 * synthetic rows) change it. The application runs with rate limits off, on a database of its own on the test
 * PostgreSQL. The figures go to the console and to {@code bootstrap/target/auth-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=" + AuthTestSupport.ORIGIN,
        "trellis.auth.rate-limit.enabled=false",
        "logging.level.root=WARN"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthBenchmark {

    static final String DATABASE = "auth_benchmark";
    static final String COOKIE = "better-auth.session_token";
    static final String PASSWORD = "benchmark-password";

    static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 5);
    static final int SIGN_INS = Integer.getInteger("benchmark.sign-ins", 50);
    static final int SESSIONS = Integer.getInteger("benchmark.sessions", 100_000);
    static final int USERS = Integer.getInteger("benchmark.users", 10_000);
    /** Where the figures are written too (relative to the bootstrap module). */
    static final String REPORT = "target/auth-benchmark.txt";
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void newReport() throws IOException {
        Files.createDirectories(Path.of(REPORT).getParent());
        Files.writeString(Path.of(REPORT), "Trellis auth benchmark, " + Instant.now() + System.lineSeparator());
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final SessionCookieSigner signer = new SessionCookieSigner(AuthTestSupport.SECRET);

    @Test
    @Order(1)
    void password_hash_alone() {
        BetterAuthPasswordHasher hasher = new BetterAuthPasswordHasher();
        for (int i = 0; i < 5; i++) {
            hasher.hash(PASSWORD);
        }
        long hashCpu = THREADS.getCurrentThreadCpuTime();
        long[] hashes = time(SIGN_INS, () -> {
            hasher.hash(PASSWORD);
            return 0;
        });
        hashCpu = THREADS.getCurrentThreadCpuTime() - hashCpu;
        String stored = hasher.hash(PASSWORD);
        long checkCpu = THREADS.getCurrentThreadCpuTime();
        long[] checks = time(SIGN_INS, () -> hasher.matches(PASSWORD, stored) ? 0 : 1);
        checkCpu = THREADS.getCurrentThreadCpuTime() - checkCpu;

        header("BetterAuthPasswordHasher (scrypt N=16384, r=16, p=1, 64-byte key), one thread, "
                + SIGN_INS + " each after 5 warm-up");
        print("  hash    " + summary(hashes) + cpu(" CPU", hashCpu, SIGN_INS));
        print("  matches " + summary(checks) + cpu(" CPU", checkCpu, SIGN_INS));
    }

    @Test
    @Order(2)
    void one_sign_in_over_http() throws Exception {
        String email = "sign-in-" + System.nanoTime() + "@example.com";
        assertThat(new Browser(port, AuthTestSupport.ORIGIN).post("/api/auth/sign-up/email", signUp(email)).status()).isEqualTo(200);
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        HttpClient client = client();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/sign-in/email"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int i = 0; i < 5; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long processCpu = processCpuTime();
        long[] signIns = time(SIGN_INS, () -> {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                assertThat(status).isEqualTo(200);
                return status;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        header("POST /api/auth/sign-in/email, " + SIGN_INS + " sequential (after 5 warm-up)");
        processCpu = processCpuTime() - processCpu;
        print("  " + summary(signIns) + cpu(" JVM CPU (server and client)", processCpu, SIGN_INS));
    }

    @Test
    @Order(3)
    void get_session_under_concurrent_clients() throws Exception {
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
            assertThat(browser.post("/api/auth/sign-up/email", signUp("client-" + i + "-" + System.nanoTime() + "@example.com"))
                    .status()).isEqualTo(200);
            cookies.add(browser.cookies().get(COOKIE));
        }
        String rows = fillTables();

        run(cookies, Duration.ofSeconds(WARMUP_SECONDS));
        Load load = run(cookies, Duration.ofSeconds(SECONDS));

        header("GET /api/auth/get-session, " + CLIENTS + " clients (each its own session and connection), "
                + SECONDS + " s after " + WARMUP_SECONDS + " s warm-up; " + rows);
        print(String.format(Locale.ROOT, "  %d requests, %.0f requests/s, %d not 200", load.latencies.length,
                load.latencies.length / load.seconds, load.failures));
        print("  latency " + summary(load.latencies));
        print(String.format(Locale.ROOT, "  JVM CPU per request: %.3f ms outside the client threads (the server), %.3f ms in them;"
                        + " PostgreSQL's not counted", (load.processCpu - load.clientCpu) / 1e6 / load.latencies.length,
                load.clientCpu / 1e6 / load.latencies.length));
    }

    @Test
    @Order(4)
    void resolving_a_session_is_one_indexed_lookup_and_one_primary_key_read() throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        assertThat(browser.post("/api/auth/sign-up/email", signUp("plan-" + System.nanoTime() + "@example.com")).status())
                .isEqualTo(200);
        String token = signer.verify(browser.cookies().get(COOKIE)).orElseThrow();
        String rows = fillTables();
        String userId = jdbc.sql("select user_id from session where token = ?").param(token).query(String.class).single();

        header("EXPLAIN (ANALYZE, BUFFERS) of the two reads behind every authenticated request; " + rows);
        // The statements of SessionPersistenceAdapter.findByToken and UserPersistenceAdapter.findById.
        explain("select id, token, user_id, expires_at, created_at, updated_at, ip_address, user_agent from session where token = ?", token);
        explain("select u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at from \"user\" u where u.id = ?", userId);

        int requests = 1000;
        Map<String, Long> before = settledScans(Map.of(), 0);
        for (int i = 0; i < requests; i++) {
            assertThat(browser.get("/api/auth/get-session").status()).isEqualTo(200);
        }
        Map<String, Long> after = settledScans(before, requests);
        print(String.format(Locale.ROOT, "  %d get-session requests, as PostgreSQL counted them: session_token_key %d index scans,"
                        + " user_pkey %d index scans; sequential scans: session %d, user %d", requests,
                delta(after, before, "session_token_key"), delta(after, before, "user_pkey"),
                delta(after, before, "session.seq"), delta(after, before, "user.seq")));
    }

    // --- load ---

    record Load(long[] latencies, long failures, double seconds, long processCpu, long clientCpu) {
    }

    private Load run(List<String> cookies, Duration duration) throws InterruptedException {
        long[][] perClient = new long[cookies.size()][];
        AtomicLong clientCpu = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < cookies.size(); c++) {
            int index = c;
            HttpClient client = client();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/get-session"))
                    .header("Cookie", COOKIE + "=" + cookies.get(c)).GET().build();
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1 << 14];
                int count = 0;
                try {
                    start.await();
                    long cpuAtStart = THREADS.getCurrentThreadCpuTime();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long begin = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - begin;
                        if (response.statusCode() != 200 || !response.body().startsWith("{\"session\"")) {
                            failures.incrementAndGet();
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                    clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    perClient[index] = Arrays.copyOf(latencies, count);
                }
            }, "benchmark-client-" + c);
            threads.add(thread);
            thread.start();
        }
        long processCpu = processCpuTime();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        processCpu = processCpuTime() - processCpu;
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).toArray();
        return new Load(all, failures.get(), seconds, processCpu, clientCpu.get());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The tables as a busy site's: many users and sessions besides the clients' own (made with SQL,
     * never used), so that the plans and the index depths are the ones real data gets.
     */
    private String fillTables() {
        jdbc.sql("""
                insert into "user" (id, name, email, email_verified, created_at, updated_at)
                select 'usr_b' || lpad(g::text, 11, '0'), 'Synthetic ' || g, 'synthetic-' || g || '@example.com', true, now(), now()
                from generate_series(1, ?) g
                on conflict do nothing""").param((long) USERS).update();
        jdbc.sql("""
                insert into session (id, expires_at, token, created_at, updated_at, user_id)
                select 'ses_b' || lpad(g::text, 23, '0'), now() + interval '7 days', md5('bench' || g), now(), now(),
                       'usr_b' || lpad((1 + g % ?)::text, 11, '0')
                from generate_series(1, ?) g
                on conflict do nothing""").params((long) USERS, (long) SESSIONS).update();
        jdbc.sql("analyze \"user\"").update();
        jdbc.sql("analyze session").update();
        return jdbc.sql("select count(*) from \"user\"").query(Long.class).single() + " users, "
                + jdbc.sql("select count(*) from session").query(Long.class).single() + " sessions";
    }

    // --- plans and statistics ---

    private void explain(String sql, String parameter) {
        print("  " + sql.replace("?", "$1"));
        jdbc.sql("explain (analyze, buffers) " + sql).param(parameter).query(String.class).list()
                .forEach(line -> print("    " + line));
    }

    /** Scans per index and sequential scans per table, from PostgreSQL's statistics. */
    private Map<String, Long> scans() {
        Map<String, Long> scans = new HashMap<>();
        jdbc.sql("select indexrelname, idx_scan from pg_stat_user_indexes where indexrelname in ('session_token_key', 'user_pkey')")
                .query(rs -> {
                    scans.put(rs.getString(1), rs.getLong(2));
                });
        jdbc.sql("select relname, seq_scan from pg_stat_user_tables where relname in ('session', 'user')").query(rs -> {
            scans.put(rs.getString(1) + ".seq", rs.getLong(2));
        });
        return scans;
    }

    /**
     * PostgreSQL publishes a backend's counters when it has been idle for up to 10 s: wait until the
     * expected token lookups are counted and the counters have not moved for 11 s (at most 60 s).
     */
    private Map<String, Long> settledScans(Map<String, Long> before, int expectedTokenLookups) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> previous = scans();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Map<String, Long> current = scans();
            if (!current.equals(previous)) {
                stableSince = System.nanoTime();
                previous = current;
            } else if (System.nanoTime() - stableSince >= Duration.ofSeconds(11).toNanos()
                    && delta(current, before, "session_token_key") >= expectedTokenLookups) {
                return current;
            }
        }
        return previous;
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    // --- figures ---

    /** CPU time, unlike wall time, hardly changes when other processes share the cores. */
    private static String cpu(String label, long cpuNanos, long count) {
        return String.format(Locale.ROOT, "; %s %.2f ms each", label.strip(), cpuNanos / 1e6 / count);
    }

    private static long processCpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long[] time(int times, LongSupplier action) {
        long[] took = new long[times];
        for (int i = 0; i < times; i++) {
            long begin = System.nanoTime();
            action.getAsLong();
            took[i] = System.nanoTime() - begin;
        }
        return took;
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format(Locale.ROOT, "n=%d mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.length,
                mean / 1e6, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void header(String title) {
        print("");
        print("== " + title);
        print("   [" + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ", Java " + System.getProperty("java.version") + ", "
                + jdbc.sql("select version()").query(String.class).single().replaceAll(" on .*", "") + "]");
    }

    /** To the console (the bootstrap module's benchmark profile keeps test output there) and to {@value #REPORT}. */
    private static void print(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of(REPORT), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String signUp(String email) {
        return "{\"name\":\"Bench\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }
}
