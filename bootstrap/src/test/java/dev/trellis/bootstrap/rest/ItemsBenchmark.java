package dev.trellis.bootstrap.rest;

import dev.trellis.bootstrap.OwnDatabase;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.trellis.adapter.persistence.item.ItemPersistenceAdapter;
import dev.trellis.adapter.web.auth.in.cookie.SessionCookieSigner;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.domain.item.ItemCursor;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.shared.UserId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the items API costs as the table grows, measured and printed, never asserted: {@code GET
 * /api/items?limit=50} and {@code POST /api/items} (two tags) under concurrent signed-in clients,
 * first with 10,000 items (one per user), then with 1,000,000 (a hundred per user), and the plans
 * of the list query's shapes on the full table.
 * <p>
 * Not part of {@code verify} (its name is not a test name, and it needs {@code -Dbenchmark=true}):
 * <pre>
 * ./mvnw -pl bootstrap -am test -Dbenchmark=true -Dtest=ItemsBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dbenchmark.clients} (16), {@code -Dbenchmark.seconds} (20), {@code -Dbenchmark.warmup-seconds} (10, before
 * each measurement), {@code -Dbenchmark.max-jvm-warmup-seconds} (180, the JIT warm-up before the first),
 * {@code -Dbenchmark.users} (10000), {@code -Dbenchmark.items} (1000000) and {@code -Dbenchmark.tags} (50) change it.
 * <p>
 * The data is made with SQL ({@code generate_series}), not through the API; the clients are users of
 * that data, each with a session row made in SQL and the cookie signed as Better Auth signs it. The
 * application runs with rate limits off and no demo data, on a database of its own on the test
 * PostgreSQL; the load generator runs in the same JVM, on the same cores. Besides latency and
 * throughput, each run reports where the CPU went (application, load generator, PostgreSQL, other
 * processes), the time threads waited for a free core, JIT and GC activity, and the application's
 * own timing of the route. The figures go to the console and to {@code bootstrap/target/items-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=" + AuthTestSupport.ORIGIN,
        "trellis.auth.rate-limit.enabled=false",
        "trellis.demo-data=false",
        "logging.level.root=WARN"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ItemsBenchmark {

    static final String DATABASE = "items_benchmark";
    static final String COOKIE = "better-auth.session_token";

    static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 10);
    static final int MAX_JVM_WARMUP_SECONDS = Integer.getInteger("benchmark.max-jvm-warmup-seconds", 180);
    static final int USERS = Integer.getInteger("benchmark.users", 10_000);
    static final int ITEMS = Integer.getInteger("benchmark.items", 1_000_000);
    static final int TAGS = Integer.getInteger("benchmark.tags", 50);
    /** Where the figures are written too (relative to the bootstrap module). */
    static final String REPORT = "target/items-benchmark.txt";

    /** Figures of each measurement, by name, for the closing comparison. */
    static final Map<String, Load> RESULTS = new LinkedHashMap<>();
    static long startedAt;

    @BeforeAll
    static void newReport() throws IOException {
        startedAt = System.nanoTime();
        Files.createDirectories(Path.of(REPORT).getParent());
        Files.writeString(Path.of(REPORT), "Trellis items benchmark, " + Instant.now() + System.lineSeparator());
    }

    @AfterAll
    static void totalTime() {
        print("");
        print(String.format(Locale.ROOT, "Total: %.0f s (Spring context, data, measurements and plans; Maven and compilation not counted)",
                (System.nanoTime() - startedAt) / 1e9));
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
    DataSource dataSource;
    @Autowired
    JdbcAggregateTemplate aggregates;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MeterRegistry meters;

    final SessionCookieSigner signer = new SessionCookieSigner(AuthTestSupport.SECRET);

    @Test
    @Order(1)
    void with_one_item_per_user() throws Exception {
        long began = System.nanoTime();
        loadUsersTagsAndSessions();
        loadItems(1, USERS);
        vacuumAnalyze();
        header("Data: " + counts() + String.format(Locale.ROOT, " (made in %.1f s)", (System.nanoTime() - began) / 1e9));

        // The JIT compiles the hot paths during the first tens of thousands of requests, slowly on two busy cores:
        // both routes, unmeasured, 10 s each, until neither's throughput moves by more than 5% from one round to the next.
        long warmUp = System.nanoTime();
        List<String> rounds = new ArrayList<>();
        double[] previous = {0, 0};
        boolean steady = false;
        while (!steady && System.nanoTime() - warmUp < Duration.ofSeconds(MAX_JVM_WARMUP_SECONDS).toNanos()) {
            double list = run(listRequests("/api/items?limit=50"), 200, Duration.ofSeconds(10)).rate();
            double create = run(createRequests(), 201, Duration.ofSeconds(10)).rate();
            steady = rounds.size() >= 2 && Math.abs(list / previous[0] - 1) < 0.05 && Math.abs(create / previous[1] - 1) < 0.05;
            previous = new double[]{list, create};
            rounds.add(String.format(Locale.ROOT, "%.0f/%.0f", list, create));
        }
        removeCreatedItems();
        print(String.format(Locale.ROOT, "  JVM warm-up: %.0f s, rounds of 10 s of each route until the throughput held (GET/POST requests/s: %s)",
                (System.nanoTime() - warmUp) / 1e9, String.join(", ", rounds)));

        measureList(size(USERS), "/api/items?limit=50");
        measureCreate(size(USERS));
    }

    @Test
    @Order(2)
    void with_a_hundred_items_per_user() throws Exception {
        long began = System.nanoTime();
        loadItems(USERS + 1, ITEMS);
        vacuumAnalyze();
        header("Data: " + counts() + String.format(Locale.ROOT, " (the further items made in %.1f s)", (System.nanoTime() - began) / 1e9));

        Map<String, Long> before = settledScans();
        measureList(size(ITEMS), "/api/items?limit=50");
        // The same page size as with one item per user: what the table's size alone does.
        measureList(size(ITEMS), "/api/items?limit=1");
        Map<String, Long> after = settledScans();
        print("  during both list runs, as PostgreSQL counted them: " + scanDelta(before, after));
        // The floor: an authenticated request that only resolves the session (two primary-key reads) and answers it.
        measureList(size(ITEMS), "/api/auth/get-session");

        measureCreate(size(ITEMS));
    }

    @Test
    @Order(3)
    void the_list_query_uses_its_indexes() throws Exception {
        String user = userId(USERS / 2);
        header("EXPLAIN (ANALYZE, BUFFERS) of the statements ItemPersistenceAdapter.findPage runs, for " + user + " ("
                + jdbc.sql("select count(*) from items where user_id = ?").param(user).query(Long.class).single()
                + " items) on " + counts());
        print("  The SQL and parameters are captured from the adapter itself (a second instance over a recording"
                + " DataSource); each is explained as the custom plan PostgreSQL makes for these values and as"
                + " the generic plan a prepared statement may switch to after 5 executions (the application's statements are"
                + " server-prepared by pgjdbc from their 5th use on a connection).");

        String tag = jdbc.sql("""
                select it.tag_id from item_tags it
                where it.item_id = (select id from items where user_id = ? order by created_at desc, id desc limit 1)
                order by it.tag_id limit 1""").param(user).query(String.class).single();
        ItemQuery newest = ItemQuery.newestOf(new UserId(user), 50);
        ItemPage first = recorded(newest).page;
        ItemCursor cursor = first.next().orElseGet(() -> ItemCursor.after(first.items().get(first.items().size() / 2).item()));

        explain("no filter", newest);
        explain("status=published", new ItemQuery(new UserId(user), Optional.of(ItemStatus.PUBLISHED), Optional.empty(),
                Optional.empty(), 50, Optional.empty()));
        explain("tag=" + tag, new ItemQuery(new UserId(user), Optional.empty(), Optional.of(new TagId(tag)),
                Optional.empty(), 50, Optional.empty()));
        explain("cursor (the second page)", newest.next(cursor));
    }

    @Test
    @Order(4)
    void summary() {
        header(String.format(Locale.ROOT, "How the figures move from %,d to %,d items (%d clients, %d s each)", USERS, ITEMS, CLIENTS, SECONDS));
        print(String.format(Locale.ROOT, "  %-34s %7s %7s %7s %8s %10s %14s %13s", "", "req/s", "p50 ms", "p99 ms", "max ms",
                "bytes/resp", "app CPU ms/req", "PG CPU ms/req"));
        RESULTS.forEach((name, load) -> {
            long[] sorted = load.latencies.clone();
            Arrays.sort(sorted);
            print(String.format(Locale.ROOT, "  %-34s %7.0f %7.2f %7.2f %8.1f %10.0f %14.2f %13.2f", name, load.rate(),
                    percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, load.meanBytes(),
                    1000 * load.cpu.application() / load.rate(), 1000 * load.cpu.postgres() / load.rate()));
        });
    }

    // --- data ---

    private void loadUsersTagsAndSessions() throws SQLException {
        BenchmarkData.loadUsersTagsAndSessions(dataSource, USERS, TAGS);
    }

    private void loadItems(int from, int to) throws SQLException {
        BenchmarkData.loadItems(dataSource, from, to, USERS, TAGS);
    }

    private void vacuumAnalyze() throws SQLException {
        BenchmarkData.vacuumAnalyze(dataSource);
    }

    /** Removes the items the create runs made, so that each phase starts from exactly its data. */
    private long removeCreatedItems() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // The use cases' marker: the delete triggers stay silent (no outbox events for the clean-up).
            statement.execute("select set_config('trellis.events_by_app', 'on', true)");
            int removed = statement.executeUpdate("delete from items where id !~ '^itm_[0-9]{12}$'");
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("vacuum (analyze) items, item_tags");
            return removed;
        }
    }

    private String counts() {
        return jdbc.sql("""
                select (select count(*) from "user") || ' users, ' || (select count(*) from session) || ' sessions, '
                    || (select count(*) from tags) || ' tags, ' || (select count(*) from items) || ' items, '
                    || (select count(*) from item_tags) || ' item tags'""").query(String.class).single();
    }

    /** 10k, 1M: a measurement's label. */
    private static String size(int items) {
        return items >= 1_000_000 && items % 1_000_000 == 0 ? items / 1_000_000 + "M"
                : items >= 1_000 && items % 1_000 == 0 ? items / 1_000 + "k" : String.valueOf(items);
    }

    private static String userId(int n) {
        return "usr_" + String.format(Locale.ROOT, "%012d", n);
    }

    private static String tagId(int n) {
        return "tag_" + String.format(Locale.ROOT, "%08d", n);
    }

    /** Client c is user 1 + c * (USERS / CLIENTS): spread over the data, each with its own session. */
    private List<String> clientCookies() {
        List<String> cookies = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int user = 1 + c * (USERS / CLIENTS);
            String token = "benchtoken" + String.format(Locale.ROOT, "%022d", user);
            cookies.add(COOKIE + "=" + SessionCookieSigner.encodeCookieValue(signer.sign(token)));
        }
        return cookies;
    }

    // --- load ---

    private List<HttpRequest> listRequests(String path) {
        return clientCookies().stream()
                .map(cookie -> HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Cookie", cookie).GET().build())
                .toList();
    }

    /** Each client creates published items with two tags of its own. */
    private List<HttpRequest> createRequests() {
        List<String> cookies = clientCookies();
        List<HttpRequest> requests = new ArrayList<>();
        for (int c = 0; c < cookies.size(); c++) {
            String body = "{\"title\":\"Benchmark item\",\"description\":\"Made by ItemsBenchmark\",\"status\":\"published\","
                    + "\"tagIds\":[\"" + tagId(1 + c % TAGS) + "\",\"" + tagId(1 + (c + TAGS / 2) % TAGS) + "\"]}";
            requests.add(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/items"))
                    .header("Cookie", cookies.get(c)).header("Origin", AuthTestSupport.ORIGIN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        return requests;
    }

    private void measureList(String phase, String path) throws Exception {
        List<HttpRequest> requests = listRequests(path);
        HttpResponse<String> sample = client().send(requests.get(0), HttpResponse.BodyHandlers.ofString());
        String page = path.startsWith("/api/items") ? pageShape(sample.body()) : sample.body().length() + " bytes of JSON";

        run(requests, 200, Duration.ofSeconds(WARMUP_SECONDS));
        Load load = run(requests, 200, Duration.ofSeconds(SECONDS));
        String name = "GET " + path + " (" + phase + ")";
        RESULTS.put(name, load);

        header("GET " + path + ", " + CLIENTS + " clients (each its own user, session and connection), " + SECONDS
                + " s after " + WARMUP_SECONDS + " s warm-up; a response: " + page);
        printLoad(load);
    }

    private void measureCreate(String phase) throws Exception {
        List<HttpRequest> requests = createRequests();

        run(requests, 201, Duration.ofSeconds(WARMUP_SECONDS));
        Load load = run(requests, 201, Duration.ofSeconds(SECONDS));
        RESULTS.put("POST /api/items, 2 tags (" + phase + ")", load);
        long outbox = jdbc.sql("select count(*) from outbox where event_type = 'item.created'").query(Long.class).single();

        header("POST /api/items with 2 tags, " + CLIENTS + " clients, " + SECONDS + " s after " + WARMUP_SECONDS + " s warm-up");
        printLoad(load);
        long removed = removeCreatedItems();
        print("  " + outbox + " item.created events in the outbox so far (one per item made); the " + removed
                + " items made here (warm-up included) removed again");
    }

    private void printLoad(Load load) {
        print(String.format(Locale.ROOT, "  %d requests, %.0f requests/s, %d failed", load.latencies.length, load.rate(), load.failures));
        print("  latency " + summary(load.latencies));
        load.notes.forEach(note -> print("  " + note));
    }

    record Load(long[] latencies, long failures, double seconds, long bytes, CpuUse cpu, List<String> notes) {
        double rate() {
            return latencies.length / seconds;
        }

        double meanBytes() {
            return latencies.length == 0 ? 0 : (double) bytes / latencies.length;
        }
    }

    private Load run(List<HttpRequest> requests, int expectedStatus, Duration duration) throws Exception {
        long[][] perClient = new long[requests.size()][];
        AtomicLong failures = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        AtomicLong clientWait = new AtomicLong();
        List<long[]> slow = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < requests.size(); c++) {
            int index = c;
            HttpClient client = client();
            clients.add(client);
            HttpRequest request = requests.get(c);
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1 << 14];
                List<long[]> slowOnes = new ArrayList<>();
                int count = 0;
                long received = 0;
                long waitedBefore = 0;
                try {
                    start.await();
                    waitedBefore = RunQueue.waited(Path.of("/proc/thread-self/schedstat"));
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long begin = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - begin;
                        if (response.statusCode() != expectedStatus) {
                            failures.incrementAndGet();
                        }
                        received += response.body().length;
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                        if (took > SLOW.toNanos()) {
                            slowOnes.add(new long[]{begin, begin + took});
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    perClient[index] = Arrays.copyOf(latencies, count);
                    synchronized (slow) {
                        slow.addAll(slowOnes);
                    }
                    bytes.addAndGet(received);
                    clientCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    clientWait.addAndGet(RunQueue.waited(Path.of("/proc/thread-self/schedstat")) - waitedBefore);
                }
            }, "benchmark-client-" + c);
            threads.add(thread);
            thread.start();
        }
        List<Long> postgresPids = postgresPids();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        int gcBefore = GcPauses.count();
        Cpu cpu = Cpu.now(postgresPids);
        RunQueue runQueue = RunQueue.now(postgresPids);
        double[] server = serverSide(requests.get(0));
        Instant from = Instant.now();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        CpuUse used = cpu.since(clientCpu.get(), postgresPids());
        String waited = runQueue.since(clientWait.get(), postgresPids());
        String when = "from " + from.truncatedTo(ChronoUnit.SECONDS) + " to " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        clients.clear(); // kept reachable until here, so that their threads are counted
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).toArray();
        double[] serverAfter = serverSide(requests.get(0));
        String inServer = String.format(Locale.ROOT, "inside the application (Micrometer's http.server.requests): mean %.2f ms;"
                        + " its max over the last 2 minutes %.1f ms", serverAfter[0] == server[0] ? 0
                        : (serverAfter[1] - server[1]) / (serverAfter[0] - server[0]) / 1e6, serverAfter[2]);
        return new Load(all, failures.get(), seconds, bytes.get(), used, List.of(used.describe(all.length / seconds), waited, inServer,
                "JIT compiling during the run: " + jit + " ms; " + GcPauses.since(gcBefore),
                stalls(slow) + "; " + when));
    }

    /**
     * The application's own timing of the route (from its first servlet filter to the response):
     * requests, total nanoseconds, and the max of the decaying window.
     */
    private double[] serverSide(HttpRequest request) {
        double[] figures = new double[3];
        for (Timer timer : meters.find("http.server.requests").tag("uri", request.uri().getPath())
                .tag("method", request.method()).timers()) {
            figures[0] += timer.count();
            figures[1] += timer.totalTime(TimeUnit.NANOSECONDS);
            figures[2] = Math.max(figures[2], timer.max(TimeUnit.MILLISECONDS));
        }
        return figures;
    }

    /** Requests slower than this are looked at: one client's, or all at once (a pause of the whole server). */
    static final Duration SLOW = Duration.ofMillis(500);

    /** How many requests took over {@link #SLOW}, and how many of them were under way at the same moment at most. */
    private static String stalls(List<long[]> slow) {
        if (slow.isEmpty()) {
            return "no request over " + SLOW.toMillis() + " ms";
        }
        List<long[]> edges = new ArrayList<>();
        for (long[] interval : slow) {
            edges.add(new long[]{interval[0], 1});
            edges.add(new long[]{interval[1], -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int most = 0;
        for (long[] edge : edges) {
            open += (int) edge[1];
            most = Math.max(most, open);
        }
        return slow.size() + " requests over " + SLOW.toMillis() + " ms; at most " + most + " of them at the same moment";
    }

    /** Every GC pause of this JVM, as the collectors report them. */
    static final class GcPauses {
        private static final List<Long> PAUSES_MS = new ArrayList<>();

        static {
            for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((notification, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            var info = GarbageCollectionNotificationInfo.from(
                                    (CompositeData) notification.getUserData());
                            synchronized (PAUSES_MS) {
                                PAUSES_MS.add(info.getGcInfo().getDuration());
                            }
                        }
                    }, null, null);
                }
            }
        }

        static int count() {
            synchronized (PAUSES_MS) {
                return PAUSES_MS.size();
            }
        }

        static String since(int from) {
            synchronized (PAUSES_MS) {
                List<Long> pauses = PAUSES_MS.subList(from, PAUSES_MS.size());
                return String.format(Locale.ROOT, "GC: %d collections, %d ms in total, the longest %d ms", pauses.size(),
                        pauses.stream().mapToLong(Long::longValue).sum(), pauses.stream().mapToLong(Long::longValue).max().orElse(0));
            }
        }
    }

    /** The server's processes: every backend, auxiliary process and the postmaster's other children PostgreSQL lists. */
    private List<Long> postgresPids() {
        return jdbc.sql("select pid from pg_stat_activity").query(Long.class).list();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String pageShape(String json) {
        var page = RestTestSupport.JSON.readTree(json);
        int items = page.get("items").size();
        int tags = 0;
        for (var item : page.get("items")) {
            tags += item.get("tags").size();
        }
        return String.format(Locale.ROOT, "%d items with %d tags, %d bytes of JSON, next cursor %s", items, tags,
                json.length(), page.get("nextCursor").isNull() ? "none" : "present");
    }

    /**
     * Where the CPU went during a run: the whole machine (from /proc/stat), this JVM (application
     * and load generator), and the load generator (the client threads, each timing itself, and the
     * HttpClient threads). The rest of the machine is PostgreSQL, plus whatever else runs there.
     */
    record Cpu(long machineBusyTicks, long machineTicks, long jvmNanos, Map<Long, Long> selectorThreads,
               Map<Long, Long> postgresTicks, long wall) {

        static Cpu now(List<Long> postgresPids) {
            long[] machine = machine();
            return new Cpu(machine[0], machine[1], jvm(), sampleHttpClientThreads(), processTicks(postgresPids), System.nanoTime());
        }

        CpuUse since(long clientThreadNanos, List<Long> postgresPids) {
            Cpu end = now(postgresPids);
            double wallSeconds = (end.wall - wall) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            double machineCores = end.machineTicks == machineTicks ? 0
                    : cores * (double) (end.machineBusyTicks - machineBusyTicks) / (end.machineTicks - machineTicks);
            double jvmCores = (end.jvmNanos - jvmNanos) / 1e9 / wallSeconds;
            long selectorNanos = 0;
            for (Map.Entry<Long, Long> thread : end.selectorThreads.entrySet()) {
                selectorNanos += thread.getValue() - selectorThreads.getOrDefault(thread.getKey(), 0L);
            }
            double generatorCores = (clientThreadNanos + selectorNanos) / 1e9 / wallSeconds;
            long postgres = 0;
            for (Map.Entry<Long, Long> process : end.postgresTicks.entrySet()) {
                postgres += process.getValue() - postgresTicks.getOrDefault(process.getKey(), 0L);
            }
            double postgresCores = postgres / (double) TICKS_PER_SECOND / wallSeconds;
            return new CpuUse(cores, machineCores, jvmCores - generatorCores, generatorCores, postgresCores,
                    Math.max(0, machineCores - jvmCores - postgresCores));
        }

        /** USER_HZ: the unit of /proc/[pid]/stat's times (100 on Linux everywhere in practice). */
        private static final int TICKS_PER_SECOND = 100;

        /** utime + stime of each process, from /proc/[pid]/stat. */
        private static Map<Long, Long> processTicks(List<Long> pids) {
            Map<Long, Long> ticks = new LinkedHashMap<>();
            for (long pid : pids) {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // gone, or not visible: not counted
                }
            }
            return ticks;
        }

        private static long[] machine() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(fields.length, 9); i++) {
                    total += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new long[]{total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[]{0, 0};
            }
        }

        private static long jvm() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }

        @SuppressWarnings("deprecation") // Thread.getId: Java 17
        private static Map<Long, Long> sampleHttpClientThreads() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new LinkedHashMap<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("HttpClient-")) {
                    cpu.put(thread.getId(), Math.max(0, threads.getThreadCpuTime(thread.getId())));
                }
            }
            return cpu;
        }
    }

    /** Cores busy on average during a run. */
    record CpuUse(int cores, double machine, double application, double generator, double postgres, double others) {

        String describe(double requestsPerSecond) {
            return String.format(Locale.ROOT, "CPU, in cores busy of %d: machine %.2f = application %.2f + load generator %.2f"
                            + " (both in this JVM) + PostgreSQL %.2f + other processes %.2f; per request: application %.2f ms,"
                            + " PostgreSQL %.2f ms", cores, machine, application, generator, postgres, others,
                    1000 * application / requestsPerSecond, 1000 * postgres / requestsPerSecond);
        }
    }

    /**
     * Time spent runnable but waiting for a free core (the run queue), from the kernel's schedstat:
     * this JVM's threads (the clients, which end before the last sample, report their own) and
     * PostgreSQL's processes. Divided by the run's length it is the mean number of waiting threads.
     */
    record RunQueue(Map<String, Long> jvmThreads, Map<Long, Long> postgres, long wall) {

        static RunQueue now(List<Long> postgresPids) {
            Map<String, Long> threads = new LinkedHashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                tasks.forEach(task -> threads.put(task.getFileName().toString(), waited(task.resolve("schedstat"))));
            } catch (IOException | RuntimeException e) {
                // not Linux: nothing to count
            }
            Map<Long, Long> processes = new LinkedHashMap<>();
            for (long pid : postgresPids) {
                processes.put(pid, waited(Path.of("/proc/" + pid + "/schedstat")));
            }
            return new RunQueue(threads, processes, System.nanoTime());
        }

        String since(long clientWaitNanos, List<Long> postgresPids) {
            RunQueue end = now(postgresPids);
            double seconds = (end.wall - wall) / 1e9;
            long jvm = clientWaitNanos;
            for (Map.Entry<String, Long> thread : end.jvmThreads.entrySet()) {
                Long before = jvmThreads.get(thread.getKey());
                if (before != null) {
                    jvm += thread.getValue() - before;
                }
            }
            long postgresWait = 0;
            for (Map.Entry<Long, Long> process : end.postgres.entrySet()) {
                postgresWait += process.getValue() - postgres.getOrDefault(process.getKey(), 0L);
            }
            return String.format(Locale.ROOT, "waiting for a free core (run queue): this JVM's threads %.1f s, PostgreSQL %.1f s"
                    + " in %.0f s, i.e. %.1f runnable threads waiting on average", jvm / 1e9, postgresWait / 1e9, seconds,
                    (jvm + postgresWait) / 1e9 / seconds);
        }

        static long waited(Path schedstat) {
            try {
                return Long.parseLong(Files.readString(schedstat).trim().split(" ")[1]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    // --- plans ---

    /** The statements (with their bound parameters) the adapter ran for one findPage, and the page. */
    record Recorded(List<RecordedStatement> statements, ItemPage page) {
    }

    record RecordedStatement(String sql, List<Object[]> parameterCalls, List<Method> parameterMethods) {
    }

    private Recorded recorded(ItemQuery query) {
        List<RecordedStatement> statements = new ArrayList<>();
        DataSource recording = recordingDataSource(dataSource, statements);
        ItemPersistenceAdapter adapter = new ItemPersistenceAdapter(aggregates, JdbcClient.create(recording), transaction);
        ItemPage page = adapter.findPage(query);
        return new Recorded(List.copyOf(statements), page);
    }

    private boolean tagsStatementShown;

    private void explain(String label, ItemQuery query) throws Exception {
        Recorded recorded = recorded(query);
        print("");
        print("  -- " + label + ": " + recorded.page.items().size() + " items" + (recorded.page.next().isPresent() ? ", more after" : ""));
        for (RecordedStatement statement : recorded.statements) {
            if (statement.sql.contains("from item_tags it join tags t")) {
                if (tagsStatementShown) {
                    print("  (then the tags of the page's items: the statement shown above)");
                    continue;
                }
                tagsStatementShown = true;
            }
            print("  " + statement.sql.replaceAll("\\s+", " ").trim());
            print("  parameters: " + parameters(statement));
            List<String> custom = explainCustom(statement);
            custom.forEach(line -> print("    " + shortened(line)));
            List<String> generic = explainGeneric(statement);
            print("    generic plan (plan_cache_mode = force_generic_plan, the same values):");
            generic.forEach(line -> print("      " + shortened(line)));
            print("    => custom plan: " + verdict(custom) + "; generic plan: " + verdict(generic));
        }
    }

    private List<String> explainCustom(RecordedStatement statement) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("explain (analyze, buffers) " + statement.sql)) {
            for (int i = 0; i < statement.parameterCalls.size(); i++) {
                statement.parameterMethods.get(i).invoke(explain, statement.parameterCalls.get(i));
            }
            return lines(explain);
        }
    }

    /**
     * The generic plan, executed: the statement prepared with $n parameters, forced to its generic
     * plan ({@code plan_cache_mode}), and EXPLAIN (ANALYZE, BUFFERS) EXECUTE with the same values.
     */
    private List<String> explainGeneric(RecordedStatement statement) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : statement.sql.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(c);
            }
        }
        List<String> values = new ArrayList<>();
        for (Object[] call : statement.parameterCalls) {
            values.add(literal(call.length > 1 ? call[1] : null));
        }
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                sql.execute("set local plan_cache_mode = force_generic_plan");
                sql.execute("prepare items_benchmark_page as " + numbered);
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("explain (analyze, buffers) execute items_benchmark_page(" + String.join(", ", values) + ")")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                return lines;
            } finally {
                connection.rollback();
                sql.execute("deallocate items_benchmark_page");
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    /** A value as an SQL literal of unknown type (PostgreSQL infers it from the prepared statement's parameter). */
    private static String literal(Object value) throws SQLException {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.sql.Array array) {
            value = array.getArray();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Object[] elements) {
            List<String> quoted = new ArrayList<>();
            for (Object element : elements) {
                quoted.add("\"" + element.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            value = "{" + String.join(",", quoted) + "}";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private static List<String> lines(PreparedStatement explain) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static final Pattern ARRAY_LITERAL = Pattern.compile("'\\{([^}]*)}'");

    /** An array of ids in a plan as its size, not its 850 characters. */
    private static String shortened(String line) {
        Matcher matcher = ARRAY_LITERAL.matcher(line);
        return matcher.find() ? matcher.replaceAll(m -> Matcher.quoteReplacement("'{" + m.group(1).split(",").length + " ids}'")) : line;
    }

    private static final Pattern INDEX = Pattern.compile("(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\\S+)");

    private static String verdict(List<String> plan) {
        Set<String> indexes = new LinkedHashSet<>();
        boolean seqScanOnItems = false;
        for (String line : plan) {
            Matcher matcher = INDEX.matcher(line);
            while (matcher.find()) {
                indexes.add(matcher.group(1));
            }
            seqScanOnItems |= line.contains("Seq Scan on items");
        }
        return "indexes " + indexes + (seqScanOnItems ? ", SEQUENTIAL SCAN ON ITEMS" : ", no sequential scan on items");
    }

    private static String parameters(RecordedStatement statement) {
        List<String> values = new ArrayList<>();
        for (Object[] call : statement.parameterCalls) {
            Object value = call.length > 1 ? call[1] : null;
            String text = value instanceof Object[] array ? array.length + " ids " + Arrays.toString(Arrays.copyOf(array, Math.min(2, array.length))).replace("]", ", ...]")
                    : String.valueOf(value);
            values.add(text);
        }
        return String.join(", ", values);
    }

    /** A DataSource whose prepared statements remember their SQL and every set* call on them. */
    private static DataSource recordingDataSource(DataSource target, List<RecordedStatement> into) {
        return proxy(DataSource.class, target, (method, args, result) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, (m, a, r) -> {
                    if (r instanceof PreparedStatement prepared && m.getName().equals("prepareStatement") && a[0] instanceof String sql) {
                        RecordedStatement recorded = new RecordedStatement(sql, new ArrayList<>(), new ArrayList<>());
                        into.add(recorded);
                        return proxy(PreparedStatement.class, prepared, (pm, pa, pr) -> {
                            if (pm.getName().startsWith("set") && pa != null && pa.length >= 2 && pa[0] instanceof Integer) {
                                recorded.parameterMethods.add(pm);
                                recorded.parameterCalls.add(pa.clone());
                            }
                            return pr;
                        });
                    }
                    return r;
                })
                : result);
    }

    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, AfterCall after) {
        return (T) Proxy.newProxyInstance(ItemsBenchmark.class.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    // --- statistics ---

    /** Sequential scans of items and item_tags, and scans of their indexes, from PostgreSQL's statistics. */
    private Map<String, Long> scans() {
        Map<String, Long> scans = new LinkedHashMap<>();
        jdbc.sql("select relname, seq_scan from pg_stat_user_tables where relname in ('items', 'item_tags', 'session', 'user') order by relname")
                .query(rs -> {
                    scans.put("seq " + rs.getString(1), rs.getLong(2));
                });
        jdbc.sql("""
                select indexrelname, idx_scan from pg_stat_user_indexes
                where relname in ('items', 'item_tags', 'session', 'user') order by relname, indexrelname""").query(rs -> {
            scans.put(rs.getString(1), rs.getLong(2));
        });
        return scans;
    }

    /**
     * PostgreSQL publishes a backend's counters when it has been idle for up to 10 s: wait until
     * the counters have not moved for 11 s (at most 60 s).
     */
    private Map<String, Long> settledScans() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> previous = scans();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Map<String, Long> current = scans();
            if (!current.equals(previous)) {
                stableSince = System.nanoTime();
                previous = current;
            } else if (System.nanoTime() - stableSince >= Duration.ofSeconds(11).toNanos()) {
                return current;
            }
        }
        return previous;
    }

    private static String scanDelta(Map<String, Long> before, Map<String, Long> after) {
        List<String> parts = new ArrayList<>();
        after.forEach((key, value) -> {
            long delta = value - before.getOrDefault(key, 0L);
            if (delta != 0 || key.startsWith("seq ")) {
                parts.add((key.startsWith("seq ") ? "sequential scans of " + key.substring(4) : key + " scans") + " " + delta);
            }
        });
        return String.join(", ", parts);
    }

    // --- figures ---

    private static String summary(long[] nanos) {
        if (nanos.length == 0) {
            return "n=0";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format(Locale.ROOT, "n=%d mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.length,
                mean / 1e6, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void header(String title) {
        print("");
        print("== " + title);
        print("   [" + Runtime.getRuntime().availableProcessors() + " cores shared by the application, the load generator and"
                + " PostgreSQL; load average " + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + "; Java " + System.getProperty("java.version") + "; "
                + jdbc.sql("select version()").query(String.class).single().replaceAll(" on .*", "")
                + (dataSource instanceof HikariDataSource hikari ? "; Hikari pool " + hikari.getMaximumPoolSize() : "") + "]");
    }

    /** To the console (with the bootstrap module's benchmark profile) and to {@value #REPORT}. */
    private static void print(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of(REPORT), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
