package dev.trellis.adapter.messaging.relay;

import dev.trellis.event.contract.CloudEventHeaders;
import dev.trellis.event.contract.EventSchemas;
import dev.trellis.event.contract.EventTimestamps;
import dev.trellis.event.contract.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbox events as Kafka records in CloudEvents' Kafka protocol binding, binary mode: the payload
 * is the record's value, the attributes are {@code ce_}-prefixed headers (names from the event
 * contract), and the key is the aggregate id so that one aggregate's events stay in order on one
 * partition. {@code ce_dataschema} names the URI the application serves the payload's schema at.
 *
 * <p>An event type or payload version the contract does not know (a newer instance wrote it during a
 * rolling upgrade, or SQL by hand) is still published, without {@code ce_dataschema}, and logged once:
 * parking it would hold back an event that is committed and meant for consumers, and would let the
 * aggregate's later events overtake it; a consumer's strict decoder refuses the type by itself.
 */
final class CloudEvents {

    private static final Logger log = LoggerFactory.getLogger(CloudEvents.class);

    private final RelaySettings settings;
    /** {@code item.created} → payload version → the schema's URI, as text; computed once. */
    private final Map<String, Map<Integer, String>> dataSchemas = new HashMap<>();
    private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

    CloudEvents(RelaySettings settings) {
        this.settings = settings;
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            dataSchemas.computeIfAbsent(schema.type().code(), type -> new HashMap<>())
                    .put(schema.version(), schema.uri(settings.schemaBase()).toString());
        }
    }

    ProducerRecord<String, String> record(OutboxRecord event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, event.id());
        header(headers, CloudEventHeaders.SOURCE, settings.source());
        header(headers, CloudEventHeaders.TYPE, EventType.CLOUD_EVENT_TYPE_PREFIX + event.eventType());
        header(headers, CloudEventHeaders.TIME, EventTimestamps.format(event.createdAt()));
        header(headers, CloudEventHeaders.SUBJECT, event.aggregateId());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        OptionalInt schemaVersion = EventSchemas.schemaVersionOf(event.payload());
        if (schemaVersion.isPresent()) {
            header(headers, CloudEventHeaders.SCHEMA_VERSION, Integer.toString(schemaVersion.getAsInt()));
        }
        String dataSchema = dataSchema(event, schemaVersion);
        if (dataSchema != null) {
            header(headers, CloudEventHeaders.DATA_SCHEMA, dataSchema);
        }
        if (event.traceParent() != null) {
            header(headers, CloudEventHeaders.TRACE_PARENT, event.traceParent());
        }
        return new ProducerRecord<>(settings.topic(event.aggregateType()), null, event.aggregateId(), event.payload(), headers);
    }

    private String dataSchema(OutboxRecord event, OptionalInt schemaVersion) {
        Map<Integer, String> versions = dataSchemas.get(event.eventType());
        String uri = versions == null || schemaVersion.isEmpty() ? null : versions.get(schemaVersion.getAsInt());
        if (uri == null) {
            String what = event.eventType() + " v" + (schemaVersion.isPresent() ? schemaVersion.getAsInt() : "?");
            if (reportedUnknown.add(what)) {
                log.warn("Event {} ({}) has a type or payload version the event contract does not know: published "
                        + "without {} (logged once per type and version)", event.id(), what, CloudEventHeaders.DATA_SCHEMA);
            }
        }
        return uri;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
