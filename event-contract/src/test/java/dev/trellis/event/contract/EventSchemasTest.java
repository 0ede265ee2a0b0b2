package dev.trellis.event.contract;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema files themselves: valid JSON Schema 2020-12 (checked against the meta-schema), exactly the
 * files EventType declares, every reference resolvable, and the rules every payload follows written into
 * each: every property listed is required (always present; no value is null) and no other is allowed;
 * timestamps in the one format.
 */
class EventSchemasTest {

    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    static final String TIMESTAMP_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$";

    @Test
    void every_schema_file_is_valid_json_schema_2020_12() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            List<Error> errors = metaSchema.validate(schema.text(), InputFormat.JSON);
            assertThat(errors).as("%s against the 2020-12 meta-schema", schema.relativePath()).isEmpty();
            assertThat(schema.json().get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.json().has("$id")).as("%s: the URI it is served at is its $id, given when rendered", schema.relativePath()).isFalse();
        }
        assertThat(metaSchema.validate("{\"type\": \"strin\", \"required\": \"id\"}", InputFormat.JSON))
                .as("the meta-schema check catches an invalid schema").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void the_files_on_disk_are_exactly_the_ones_event_type_declares() {
        Set<String> declared = new TreeSet<>(EventSchemas.all().stream().map(EventSchemas.Schema::relativePath).toList());

        assertThat(ContractFiles.contractSchemas().keySet()).as("schemas/<type>/v<n>.json against EventType.schemaVersions()")
                .containsExactlyElementsOf(declared);
        assertThat(EventType.values()).allSatisfy(type -> assertThat(type.schemaVersions()).isNotEmpty());
    }

    @Test
    void every_reference_resolves_and_every_schema_compiles() {
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            List<String> refs = new ArrayList<>();
            collectRefs(schema.json(), refs);
            for (String ref : refs) {
                assertThat(ref).as(schema.relativePath()).startsWith("#/$defs/");
                assertThat(schema.json().at(ref.substring(1)).isMissingNode()).as("%s: %s", schema.relativePath(), ref).isFalse();
            }
            Schema compiled = REGISTRY.getSchema(schema.render(URI.create("http://localhost:8080")), InputFormat.JSON);
            compiled.initializeValidators();
        }
    }

    @Test
    void every_property_is_required_and_no_other_allowed_at_every_level() {
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            assertClosedObjects(schema.relativePath(), "(payload)", schema.json());
            JsonNode properties = schema.json().get("properties");
            assertThat(properties.propertyNames()).as(schema.relativePath()).startsWith("schemaVersion", "id").endsWith("version");
            assertThat(properties.get("schemaVersion").get("const").asInt()).isEqualTo(schema.version());
            assertThat(schema.json().get("title").asString()).isEqualTo(schema.type().code() + " v" + schema.version());
            if (schema.type().isDeletion()) {
                assertThat(properties.get("deleted").get("const").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void timestamps_are_rfc_3339_utc_with_six_fractional_digits_in_every_schema() {
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            JsonNode timestamp = schema.json().at("/$defs/timestamp");
            boolean hasTimestamps = schema.text().contains("#/$defs/timestamp");
            assertThat(timestamp.isMissingNode()).as(schema.relativePath()).isEqualTo(!hasTimestamps);
            if (hasTimestamps) {
                assertThat(timestamp.get("type").asString()).isEqualTo("string");
                assertThat(timestamp.get("format").asString()).isEqualTo("date-time");
                assertThat(timestamp.get("pattern").asString()).isEqualTo(TIMESTAMP_PATTERN);
            }
        }
        assertThat(EventTimestamps.format(java.time.Instant.parse("2026-11-30T09:12:44Z"))).matches(TIMESTAMP_PATTERN);
        assertThat(EventTimestamps.format(java.time.Instant.parse("2026-11-30T09:12:44.1234567Z"))).matches(TIMESTAMP_PATTERN)
                .isEqualTo("2026-11-30T09:12:44.123456Z");
    }

    @Test
    void a_payload_validates_and_the_same_payload_with_an_extra_property_a_trimmed_timestamp_or_a_missing_property_does_not() {
        Schema itemCreated = REGISTRY.getSchema(EventSchemas.of(EventType.ITEM_CREATED, 1).text(), InputFormat.JSON);
        ObjectNode valid = (ObjectNode) ContractFiles.JSON.readTree(EventDecoderTest.ITEM);

        assertThat(itemCreated.validate(valid)).isEmpty();
        assertThat(itemCreated.validate(valid.deepCopy().put("color", "red"))).isNotEmpty();
        assertThat(itemCreated.validate(valid.deepCopy().put("createdAt", "2025-01-01T00:00:01Z"))).isNotEmpty();
        ObjectNode missing = valid.deepCopy();
        missing.remove("imageUrl");
        assertThat(itemCreated.validate(missing)).isNotEmpty();
        assertThat(itemCreated.validate(valid.deepCopy().putNull("title"))).isNotEmpty();
    }

    @Test
    void the_payload_version_is_read_from_the_top_level_by_streaming() {
        assertThat(EventSchemas.schemaVersionOf("{\"id\": \"x\", \"n\": {\"schemaVersion\": 5}, \"schemaVersion\": 2}")).hasValue(2);
        assertThat(EventSchemas.schemaVersionOf("{\"a\": [1, {\"schemaVersion\": 3}], \"schemaVersion\": 1}")).hasValue(1);
        assertThat(EventSchemas.schemaVersionOf("{\"schemaVersion\": \"1\"}")).isEmpty();
        assertThat(EventSchemas.schemaVersionOf("{\"id\": \"x\"}")).isEmpty();
        assertThat(EventSchemas.schemaVersionOf("[1]")).isEmpty();
        assertThat(EventSchemas.schemaVersionOf("{not json")).isEmpty();
    }

    @Test
    void schema_uris_and_paths_round_trip() {
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            assertThat(EventSchemas.fromRelativePath(schema.relativePath())).contains(schema);
            assertThat(schema.uri(URI.create("https://t.example/base/")).toString())
                    .isEqualTo("https://t.example/base/events/schemas/" + schema.type().code() + "/v" + schema.version() + ".json");
            JsonNode rendered = ContractFiles.JSON.readTree(schema.render(URI.create("https://t.example")));
            assertThat(rendered.get("$id").asString()).isEqualTo(schema.uri(URI.create("https://t.example")).toString());
        }
        assertThat(EventSchemas.fromRelativePath("item.created/v9.json")).isEmpty();
        assertThat(EventSchemas.fromRelativePath("item.created/vx.json")).isEmpty();
    }

    static void assertClosedObjects(String file, String where, JsonNode schema) {
        if (schema.isObject() && schema.has("properties")) {
            assertThat(schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean())
                    .as("%s %s: additionalProperties false", file, where).isTrue();
            Set<String> required = new TreeSet<>();
            schema.get("required").forEach(name -> required.add(name.asString()));
            assertThat(required).as("%s %s: every property listed is required", file, where)
                    .isEqualTo(new TreeSet<>(schema.get("properties").propertyNames()));
            for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                assertClosedObjects(file, where + "." + property.getKey(), property.getValue());
            }
        }
        if (schema.isObject() && schema.has("items")) {
            assertClosedObjects(file, where + "[]", schema.get("items"));
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asString());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }
}
