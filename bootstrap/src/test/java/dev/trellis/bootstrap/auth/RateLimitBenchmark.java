package dev.trellis.bootstrap.auth;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.adapter.persistence.ratelimit.MemoryRateLimitCounters;
import dev.trellis.adapter.persistence.ratelimit.PostgresRateLimitCounters;
import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rate limiter costs, measured and printed, never asserted: microseconds per admission in the memory
 * store and in PostgreSQL (one upsert), from 1 and from 8 threads; then requests per second and latency of
 * {@code GET /api/auth/get-session} (a rate-limited route, 100 per 10 s per client) at 16 clients with the
 * counters in PostgreSQL, in memory, and not counted at all — each request from another forwarded address, so
 * none is refused and every one writes its counter.
 * <p>
 * Not part of {@code verify} (it needs {@code -Dbenchmark=true}):
 * <pre>
 * ./mvnw -pl bootstrap -am test -Dbenchmark=true -Dtest=RateLimitBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dbenchmark.clients} (16), {@code -Dbenchmark.seconds} (10), {@code -Dbenchmark.warmup-seconds} (5) and
 * {@code -Dbenchmark.admissions} (20000 per thread) change it. The figures go to the console and to
 * {@code bootstrap/target/rate-limit-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=" + AuthTestSupport.ORIGIN,
        "server.forward-headers-strategy=framework",
        "trellis.relay.enabled=false",
        "logging.level.root=WARN"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitBenchmark {

    static final String DATABASE = "rate_limit_benchmark";
    static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 10);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 5);
    static final int ADMISSIONS = Integer.getInteger("benchmark.admissions", 20_000);
    static final String REPORT = "target/rate-limit-benchmark.txt";
    static final RateLimitRule NEVER_REACHED = new RateLimitRule(Integer.MAX_VALUE - 1, Duration.ofSeconds(10));

    /** The store the application's filter counts in, switched between the HTTP runs. */
    static final class SwitchableCounters implements RateLimitCounters {
        volatile RateLimitCounters target;

        @Override
        public Admission consume(String key, RateLimitRule rule, Instant now) {
            RateLimitCounters current = target;
            return current == null ? Admission.ALLOWED : current.consume(key, rule, now);
        }

        @Override
        public int removeIdleSince(Instant before, int limit) {
            RateLimitCounters current = target;
            return current == null ? 0 : current.removeIdleSince(before, limit);
        }
    }

    @TestConfiguration
    static class Switch {
        @Bean
        @Primary
        SwitchableCounters switchableCounters() {
            return new SwitchableCounters();
        }
    }

    @BeforeAll
    static void newReport() throws IOException {
        Files.createDirectories(Path.of(REPORT).getParent());
        Files.writeString(Path.of(REPORT), "Trellis rate-limit benchmark, " + Instant.now() + System.lineSeparator());
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SwitchableCounters counters;

    @Test
    @Order(1)
    void microseconds_per_admission() throws Exception {
        header("One admission, straight to the store (" + ADMISSIONS + " per thread over 10,000 keys; every one admitted and written)");
        for (int threads : new int[]{1, 8}) {
            for (int round = 0; round < 2; round++) { // the first round warms up
                boolean warmup = round == 0;
                admissions("memory", new MemoryRateLimitCounters(), threads, warmup);
                jdbc.sql("delete from rate_limit").update();
                admissions("PostgreSQL", new PostgresRateLimitCounters(jdbc), threads, warmup);
            }
        }
        print("   rate_limit rows now: " + jdbc.sql("select count(*) from rate_limit").query(Long.class).single()
                + ", table size " + jdbc.sql("select pg_size_pretty(pg_total_relation_size('rate_limit'))").query(String.class).single()
                + ", HOT updates " + jdbc.sql("select n_tup_hot_upd || ' of ' || n_tup_upd from pg_stat_user_tables where relname = 'rate_limit'")
                .query(String.class).optional().orElse("?"));
    }

    private void admissions(String store, RateLimitCounters target, int threads, boolean warmup) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] nanos = new long[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long began = System.nanoTime();
                for (int i = 0; i < ADMISSIONS; i++) {
                    String key = "198.51." + thread + "." + (i % 10_000) + "|/get-session";
                    if (!target.consume(key, NEVER_REACHED, Instant.now()).allowed()) {
                        throw new IllegalStateException("refused: " + key);
                    }
                }
                nanos[thread] = System.nanoTime() - began;
            });
            workers.add(worker);
            worker.start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long wall = System.nanoTime() - began;
        if (warmup) {
            return;
        }
        double perAdmissionMicros = Arrays.stream(nanos).average().orElse(0) / ADMISSIONS / 1_000.0;
        double perSecond = (double) threads * ADMISSIONS / (wall / 1e9);
        print(String.format(Locale.ROOT, "   %-10s %d thread(s): %8.2f µs per admission (each thread), %,10.0f admissions/s in all",
                store, threads, perAdmissionMicros, perSecond));
    }

    @Test
    @Order(2)
    void a_rate_limited_route_over_http() throws Exception {
        header("GET /api/auth/get-session (rate-limited, 100 per 10 s per client) at " + CLIENTS + " clients, "
                + SECONDS + " s each after " + WARMUP_SECONDS + " s of warm-up; a new forwarded address per request");
        record Run(String name, RateLimitCounters target) {
        }
        for (Run run : List.of(new Run("warm-up", new MemoryRateLimitCounters()),
                new Run("not counted", null), new Run("memory", new MemoryRateLimitCounters()),
                new Run("PostgreSQL", new PostgresRateLimitCounters(jdbc)), new Run("not counted", null),
                new Run("memory", new MemoryRateLimitCounters()), new Run("PostgreSQL", new PostgresRateLimitCounters(jdbc)))) {
            jdbc.sql("delete from rate_limit").update();
            counters.target = run.target();
            load(run.name(), run.name().equals("warm-up") ? WARMUP_SECONDS * 2 : SECONDS);
        }
    }

    private void load(String name, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger addresses = new AtomicInteger();
        long warmUntil = System.nanoTime() + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
        long endAt = warmUntil + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            long[] mine = new long[200_000];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < endAt) {
                    int address = addresses.incrementAndGet();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/get-session"))
                            .header("X-Forwarded-For", "10." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255))
                            .GET().build();
                    long began = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 429) {
                            refused.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (began >= warmUntil && n < mine.length - 1) {
                        mine[++n] = System.nanoTime() - began;
                    }
                }
                mine[0] = n;
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).sorted().toArray();
        if (name.equals("warm-up")) {
            return;
        }
        assertThat(refused.get()).as("no request may be refused: each comes from another address").isZero();
        print(String.format(Locale.ROOT, "   %-12s %,8.0f requests/s   p50 %6.2f ms   p99 %6.2f ms   (%,d requests)",
                name, all.length / (double) seconds, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, all.length));
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private void header(String title) {
        print("");
        print("== " + title);
        print("   [" + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ", Java " + System.getProperty("java.version") + ", "
                + jdbc.sql("select version()").query(String.class).single().replaceAll(" on .*", "") + "]");
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
