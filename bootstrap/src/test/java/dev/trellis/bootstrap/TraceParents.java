package dev.trellis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

/** W3C {@code traceparent} values in the tests: {@code 00-<trace id>-<parent span id>-<flags>}. */
public final class TraceParents {

    private TraceParents() {
    }

    public static String traceId(String traceParent) {
        return traceParent.split("-")[1];
    }

    public static String spanId(String traceParent) {
        return traceParent.split("-")[2];
    }

    /**
     * {@code actual} continues the trace of the caller's {@code incoming} header: the same trace and flags, and a span
     * of Trellis's own (a child of the caller's) as the parent.
     */
    public static void assertContinues(String actual, String incoming) {
        assertThat(actual).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(traceId(actual)).as("trace id").isEqualTo(traceId(incoming));
        assertThat(spanId(actual)).as("a span of Trellis, not the caller's").isNotEqualTo(spanId(incoming));
        assertThat(actual.split("-")[3]).as("flags").isEqualTo(incoming.split("-")[3]);
    }
}
