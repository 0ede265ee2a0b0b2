package dev.trellis.bootstrap.runtime.tracing;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingEnvironmentPostProcessorTest {

    private static final String ENDPOINT = TracingEnvironmentPostProcessor.ENDPOINT;
    private static final String PROBABILITY = TracingEnvironmentPostProcessor.PROBABILITY;

    @Test
    void no_endpoint_no_exporter_and_nothing_sampled() {
        MockEnvironment environment = processed(new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", " "));

        assertThat(environment.containsProperty(ENDPOINT)).isFalse();
        assertThat(environment.getProperty(PROBABILITY)).isEqualTo("0.0");
    }

    @Test
    void the_collectors_base_url_gets_the_traces_path_and_every_trace_is_sampled() {
        MockEnvironment environment = processed(new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"));

        assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty(PROBABILITY)).isEqualTo("1.0");
        assertThat(environment.containsProperty(TracingEnvironmentPostProcessor.TRANSPORT)).isFalse();
    }

    @Test
    void grpc_takes_the_base_url_as_it_is() {
        MockEnvironment environment = processed(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
                .withProperty("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));

        assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://collector:4317");
        assertThat(environment.getProperty(TracingEnvironmentPostProcessor.TRANSPORT)).isEqualTo("grpc");
    }

    @Test
    void the_traces_endpoint_and_springs_own_names_win_and_an_explicit_probability_stays() {
        MockEnvironment traces = processed(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces")
                .withProperty(PROBABILITY, "0.25"));
        assertThat(traces.getProperty(ENDPOINT)).isEqualTo("http://tempo:4318/v1/traces");
        assertThat(traces.getProperty(PROBABILITY)).isEqualTo("0.25");

        MockEnvironment spring = processed(new MockEnvironment()
                .withProperty(ENDPOINT, "http://jaeger:4318/v1/traces")
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));
        assertThat(spring.getProperty(ENDPOINT)).isEqualTo("http://jaeger:4318/v1/traces");
        assertThat(spring.getProperty(PROBABILITY)).isEqualTo("1.0");

        MockEnvironment older = processed(new MockEnvironment()
                .withProperty(TracingEnvironmentPostProcessor.OLD_ENDPOINT, "http://old:4318/v1/traces"));
        assertThat(older.getProperty(ENDPOINT)).isEqualTo("http://old:4318/v1/traces");
    }

    private static MockEnvironment processed(MockEnvironment environment) {
        new TracingEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return environment;
    }
}
