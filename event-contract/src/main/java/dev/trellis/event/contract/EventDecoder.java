package dev.trellis.event.contract;

import dev.trellis.event.contract.EventDecodingException.Reason;
import dev.trellis.event.contract.payload.EventPayload;
import dev.trellis.event.contract.payload.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.function.Function;

/**
 * Reads a record's CloudEvents headers and JSON value into a {@link TrellisEvent}, strictly: an unknown
 * type or payload version, a property the schema lacks, a missing one, null where the schema refuses it
 * (a component not marked {@link Nullable}), or a payload that contradicts its
 * headers is an {@link EventDecodingException} naming what to do, never a silently skipped record.
 * Independent of any Kafka client: {@code header} answers a header's value as text, or null.
 */
public final class EventDecoder {

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    /**
     * @param where  names the record in error messages, e.g. {@code trellis.item-2@1042}
     * @param header a header's value as UTF-8 text, null when absent
     * @param value  the record's value
     */
    public TrellisEvent decode(String where, Function<String, String> header, byte[] value) {
        String ceType = required(where, header, CloudEventHeaders.TYPE);
        EventType type = EventType.fromCloudEventType(ceType).orElseThrow(() -> new EventDecodingException(Reason.UNKNOWN_TYPE,
                where + ": " + CloudEventHeaders.TYPE + " '" + ceType + "' is no event type this consumer knows; "
                        + "a newer Trellis writes it: upgrade trellis-event-contract"));
        String versionText = required(where, header, CloudEventHeaders.SCHEMA_VERSION);
        int schemaVersion;
        try {
            schemaVersion = Integer.parseInt(versionText);
        } catch (NumberFormatException e) {
            throw new EventDecodingException(Reason.UNKNOWN_SCHEMA_VERSION,
                    where + ": " + CloudEventHeaders.SCHEMA_VERSION + " '" + versionText + "' is not a number");
        }
        if (!type.schemaVersions().contains(schemaVersion)) {
            throw new EventDecodingException(Reason.UNKNOWN_SCHEMA_VERSION, where + ": " + type.code() + " with schemaVersion "
                    + schemaVersion + ", but this consumer knows " + type.schemaVersions()
                    + "; upgrade trellis-event-contract before consuming it (the record was not skipped)");
        }
        String id = required(where, header, CloudEventHeaders.ID);
        String subject = required(where, header, CloudEventHeaders.SUBJECT);
        if (value == null) {
            throw new EventDecodingException(Reason.MALFORMED_PAYLOAD, where + ": " + type.code() + " without a value");
        }
        EventPayload payload;
        try {
            payload = json.readValue(value, type.payloadType());
        } catch (JacksonException e) {
            throw new EventDecodingException(Reason.MALFORMED_PAYLOAD,
                    where + ": the value is not a " + type.code() + " v" + schemaVersion + " payload: " + e.getOriginalMessage(), e);
        }
        String nullWhereRefused = firstRefusedNull((Record) payload, "");
        if (nullWhereRefused != null) {
            throw new EventDecodingException(Reason.MALFORMED_PAYLOAD, where + ": the " + type.code() + " v" + schemaVersion
                    + " payload has null for '" + nullWhereRefused + "', which its schema does not allow");
        }
        if (payload.schemaVersion() != schemaVersion || !payload.id().equals(subject)) {
            throw new EventDecodingException(Reason.MALFORMED_PAYLOAD, where + ": the payload (id " + payload.id()
                    + ", schemaVersion " + payload.schemaVersion() + ") contradicts its headers (subject " + subject
                    + ", schemaVersion " + schemaVersion + ")");
        }
        String time = header.apply(CloudEventHeaders.TIME);
        String dataSchema = header.apply(CloudEventHeaders.DATA_SCHEMA);
        try {
            return new TrellisEvent(id, type, header.apply(CloudEventHeaders.SOURCE), subject,
                    time == null ? null : EventTimestamps.parse(time),
                    dataSchema == null ? null : URI.create(dataSchema), schemaVersion,
                    header.apply(CloudEventHeaders.TRACE_PARENT), payload);
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException(Reason.MALFORMED_PAYLOAD, where + ": " + e.getMessage(), e);
        }
    }

    /** The first component that is null without being {@link Nullable}, searched depth-first; null when none is. */
    static String firstRefusedNull(Record value, String prefix) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object property;
            try {
                property = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = prefix + component.getName();
            if (property == null) {
                if (!component.isAnnotationPresent(Nullable.class)) {
                    return name;
                }
            } else if (property instanceof Record nested) {
                String inner = firstRefusedNull(nested, name + ".");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String required(String where, Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isEmpty()) {
            throw new EventDecodingException(Reason.MISSING_HEADER, where + ": no " + name + " header; not a Trellis event record");
        }
        return value;
    }
}
