package dev.trellis.bootstrap.tracing;

import dev.trellis.bootstrap.OwnDatabase;
import dev.trellis.bootstrap.TraceParents;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.bootstrap.kafka.TestKafka;
import dev.trellis.event.consumer.TrellisEventConsumer;
import dev.trellis.event.consumer.fence.BatchPlan;
import dev.trellis.event.consumer.opentelemetry.OpenTelemetryEventTracing;
import dev.trellis.event.contract.TrellisEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from an HTTP request to a consumer on the far side of Kafka: the request's server span (a child of the
 * caller's {@code traceparent}), the use case inside it with its SQL (the outbox insert among it), the relay's
 * publish as a producer span whose parent is the span the outbox row names, and the consumer kit's span, a child of
 * the publish span read from the record's {@code ce_traceparent}. The spans are the ones the application's
 * OpenTelemetry SDK records, read from the SDK's in-memory exporter; the consumer kit runs in the test JVM on the
 * same SDK. The log lines, in Spring Boot's ECS JSON, carry the trace and span ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET,
        "BETTER_AUTH_URL=http://localhost:3000",
        "trellis.auth.rate-limit.enabled=false",
        "trellis.relay.enabled=true",
        "trellis.relay.slot-name=traces",
        "trellis.relay.publication-name=traces",
        "trellis.relay.topic-prefix=traces",
        "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=50ms",
        "logging.structured.format.console=ecs",
        // a line logged inside the request's span
        "logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class TraceChainTest {

    static final String DATABASE = "traces";
    static final String CALLER_TRACE_ID = "5e2a0d6c7b1f4a3e9c8d7b6a5f4e3d2c";
    static final String CALLER_SPAN_ID = "a1b2c3d4e5f60718";
    static final String TRACE = "00-" + CALLER_TRACE_ID + "-" + CALLER_SPAN_ID + "-01";
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("jdbc.query[0]");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void ownDatabaseAndBroker(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        /** Spring Boot hands every SpanExporter bean to the SDK's batch processor. */
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    OpenTelemetry openTelemetry;
    @Autowired
    ApplicationContext context;

    @Test
    void without_an_endpoint_no_otlp_exporter_exists() {
        assertThat(context.getBeansOfType(SpanExporter.class).values()).as("only the test's own").containsExactly(spans);
    }

    @Test
    void a_request_the_use_case_its_sql_the_publish_and_the_consumer_are_one_trace(CapturedOutput output) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        assertThat(browser.post("/api/auth/sign-up/email", "{\"name\":\"Trace User\",\"email\":\"" + AuthTestSupport.Emails.next()
                + "\",\"password\":\"password-123\"}").status()).isEqualTo(200);
        List<TrellisEvent> handled = new CopyOnWriteArrayList<>();
        TrellisEventConsumer consumer = TrellisEventConsumer.builder()
                .bootstrapServers(TestKafka.bootstrapServers())
                .groupId("trace-chain")
                .topicPrefix("traces")
                .pollTimeout(Duration.ofMillis(100))
                .handler(events -> {
                    handled.addAll(events);
                    return BatchPlan.empty();
                })
                .tracing(OpenTelemetryEventTracing.of(openTelemetry, "trace-chain"))
                .build()
                .start();
        try {
            var created = browser.post("/api/items", "{\"title\":\"Traced\",\"status\":\"draft\"}", "traceparent", TRACE);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String itemId = created.json().get("id").asString();
            String eventId = jdbc.sql("select id from outbox where aggregate_id = ? and event_type = 'item.created'")
                    .param(itemId).query(String.class).single();
            String storedTraceParent = jdbc.sql("select trace_parent from outbox where id = ?").param(eventId).query(String.class).single();

            SpanData consumed = await(() -> spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.CONSUMER && eventId.equals(span.getAttributes().get(MESSAGE_ID)))
                    .findFirst());
            assertThat(handled).extracting(TrellisEvent::id).contains(eventId);
            Map<String, SpanData> trace = await(() -> Optional.of(spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(CALLER_TRACE_ID))
                    .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a)))
                    .filter(all -> all.values().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER)));

            SpanData server = only(trace, span -> span.getKind() == SpanKind.SERVER);
            assertThat(server.getName()).isEqualToIgnoringCase("http post /api/items");
            assertThat(server.getParentSpanId()).as("the caller's span").isEqualTo(CALLER_SPAN_ID);

            SpanData useCase = only(trace, span -> span.getName().equals("CreateItem.handle"));
            assertThat(ancestors(trace, useCase)).as("the use case runs in the request").contains(server.getSpanId());

            List<SpanData> sql = trace.values().stream().filter(span -> span.getKind() == SpanKind.CLIENT
                    && ancestors(trace, span).contains(useCase.getSpanId())).toList();
            assertThat(sql).as("the use case's SQL").isNotEmpty();
            assertThat(sql).anySatisfy(span -> assertThat(span.getAttributes().get(QUERY)).containsIgnoringCase("insert into outbox"));

            assertThat(storedTraceParent).as("the outbox row names the use case's span")
                    .isEqualTo("00-" + CALLER_TRACE_ID + "-" + useCase.getSpanId() + "-01");

            SpanData publish = only(trace, span -> span.getKind() == SpanKind.PRODUCER && eventId.equals(span.getAttributes().get(MESSAGE_ID)));
            assertThat(publish.getName()).isEqualTo("send traces.item");
            assertThat(publish.getParentSpanId()).as("the publish continues from the stored traceparent").isEqualTo(useCase.getSpanId());

            assertThat(consumed.getTraceId()).isEqualTo(CALLER_TRACE_ID);
            assertThat(consumed.getParentSpanId()).as("the consumer continues from ce_traceparent").isEqualTo(publish.getSpanId());
            assertThat(consumed.getParentSpanContext().isRemote()).isTrue();
            assertThat(consumed.getName()).isEqualTo("process item.created");
            TraceParents.assertContinues(handled.stream().filter(e -> e.id().equals(eventId)).findFirst().orElseThrow().traceParent(), TRACE);

            List<JsonNode> requestLines = output.getOut().lines().filter(line -> line.startsWith("{") && line.contains(CALLER_TRACE_ID))
                    .map(JSON::readTree).toList();
            assertThat(requestLines).as("JSON log lines of the request").isNotEmpty();
            assertThat(requestLines).allSatisfy(line -> {
                assertThat(line.path("traceId").asString()).isEqualTo(CALLER_TRACE_ID);
                assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
                assertThat(line.path("@timestamp").asString()).isNotBlank();
            });
            assertThat(requestLines).as("DispatcherServlet's lines name a span of the request (Spring Security's spans sit between)")
                    .filteredOn(line -> line.path("log").path("logger").asString().endsWith("DispatcherServlet"))
                    .isNotEmpty()
                    .allSatisfy(line -> {
                        SpanData span = trace.get(line.path("spanId").asString());
                        assertThat(span).as("a span recorded in the trace").isNotNull();
                        assertThat(span == server || ancestors(trace, span).contains(server.getSpanId())).isTrue();
                    });
        } finally {
            consumer.close();
        }
    }

    private static SpanData only(Map<String, SpanData> trace, Predicate<SpanData> wanted) {
        List<SpanData> found = trace.values().stream().filter(wanted).toList();
        assertThat(found).as("spans: %s", trace.values().stream().map(s -> s.getName() + "/" + s.getKind()).toList()).hasSize(1);
        return found.get(0);
    }

    /** The span ids from the span's parent up to the root of its trace, as far as this process recorded them. */
    private static List<String> ancestors(Map<String, SpanData> trace, SpanData span) {
        List<String> ids = new java.util.ArrayList<>();
        SpanData at = span;
        while (at != null && at.getParentSpanContext().isValid()) {
            ids.add(at.getParentSpanId());
            at = trace.get(at.getParentSpanId());
        }
        return ids;
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 60 s");
    }
}
