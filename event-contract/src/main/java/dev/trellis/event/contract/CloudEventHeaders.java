package dev.trellis.event.contract;

/**
 * The Kafka headers of every Trellis record: CloudEvents 1.0 in the Kafka protocol binding's binary
 * mode (attributes as {@code ce_}-prefixed headers, the payload as the value) and two extensions.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    /** The event id ({@code obx_…}): unique per event, the same on every re-delivery. */
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    /** {@code dev.trellis.} + the event type. */
    public static final String TYPE = "ce_type";
    /** When the change happened, in {@link EventTimestamps}' format. */
    public static final String TIME = "ce_time";
    /** The aggregate id, also the record's key. */
    public static final String SUBJECT = "ce_subject";
    /** The URI of the payload's JSON Schema; the application serves it there. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** The payload's {@code schemaVersion} (extension). */
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    /** The W3C trace context of the request that caused the change (distributed tracing extension). */
    public static final String TRACE_PARENT = "ce_traceparent";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_VALUE = "application/json";

    private CloudEventHeaders() {
    }
}
