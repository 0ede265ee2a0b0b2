package dev.trellis.event.contract;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON Schemas (2020-12), one per event type and payload version, kept in this module's resources
 * under {@code schemas/<type>/v<n>.json}: the single source of truth of what a payload holds. A schema
 * file carries no {@code $id}: where it is published decides it, so {@link #render} gives it the URI
 * it is served at, the same URI every record names in {@code ce_dataschema}.
 */
public final class EventSchemas {

    /** Schemas are served under {@code <base>/events/schemas/<type>/v<n>.json}. */
    public static final String PATH = "/events/schemas";
    public static final String ASYNCAPI_PATH = "/events/asyncapi.json";

    /** The payload property that names its shape, the same in every version. */
    public static final String SCHEMA_VERSION = "schemaVersion";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventSchemas() {
    }

    /** One schema: an event type in one payload version. */
    public record Schema(EventType type, int version) {

        /** {@code item.created/v1.json}, relative to {@link #PATH}. */
        public String relativePath() {
            return type.code() + "/v" + version + ".json";
        }

        public URI uri(URI base) {
            return URI.create(trimSlash(base.toString()) + PATH + "/" + relativePath());
        }

        /** The schema file as committed. */
        public String text() {
            String resource = "schemas/" + relativePath();
            try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the contract has no schema file " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public JsonNode json() {
            return JSON.readTree(text());
        }

        /** The schema as published at {@link #uri(URI)}: {@code $id} first, then the file's content. */
        public String render(URI base) {
            ObjectNode published = JSON.createObjectNode();
            published.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            published.put("$id", uri(base).toString());
            published.setAll((ObjectNode) json());
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(published);
        }
    }

    /** Every schema of the contract: each event type in each payload version it knows. */
    public static List<Schema> all() {
        return Arrays.stream(EventType.values())
                .flatMap(type -> type.schemaVersions().stream().map(version -> new Schema(type, version)))
                .toList();
    }

    /** The schema a record of this type and payload version names in {@code ce_dataschema}. */
    public static Schema of(EventType type, int version) {
        return find(type.code(), version).orElseThrow(() -> new IllegalArgumentException(
                "the contract has no schema for " + type.code() + " v" + version));
    }

    public static Optional<Schema> find(String eventType, int version) {
        return EventType.fromCode(eventType)
                .filter(type -> type.schemaVersions().contains(version))
                .map(type -> new Schema(type, version));
    }

    /** The schema a path below {@link #PATH} names ({@code item.created/v1.json}), if the contract has it. */
    public static Optional<Schema> fromRelativePath(String relativePath) {
        int slash = relativePath.indexOf("/v");
        if (slash < 0 || !relativePath.endsWith(".json")) {
            return Optional.empty();
        }
        try {
            int version = Integer.parseInt(relativePath.substring(slash + 2, relativePath.length() - ".json".length()));
            return find(relativePath.substring(0, slash), version);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A payload's top-level {@code schemaVersion}, read by streaming up to it (no tree is built; a producer
     * relaying thousands of events a second can afford it); empty when the payload is not a JSON object or
     * has no positive integer {@code schemaVersion}.
     */
    public static OptionalInt schemaVersionOf(String payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return OptionalInt.empty();
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (SCHEMA_VERSION.equals(name)) {
                    return value == JsonToken.VALUE_NUMBER_INT && parser.getIntValue() > 0
                            ? OptionalInt.of(parser.getIntValue()) : OptionalInt.empty();
                }
                parser.skipChildren();
            }
            return OptionalInt.empty();
        } catch (JacksonException e) {
            return OptionalInt.empty();
        }
    }

    static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
