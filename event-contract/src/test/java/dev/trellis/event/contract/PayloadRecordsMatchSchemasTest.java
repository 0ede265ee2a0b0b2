package dev.trellis.event.contract;

import dev.trellis.event.contract.payload.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed records consumers decode into are held to the schemas, the source of truth: each record's
 * components are exactly its schema's properties (names), nullable exactly where the schema allows null
 * ({@link Nullable}), of the schema's type (strings, integers, booleans, timestamps, enums with the schema's
 * values, lists of the schema's element type, nested records as closed objects). A record drifting from its
 * schema fails here, and so does a schema drifting from its record.
 */
class PayloadRecordsMatchSchemasTest {

    @Test
    void every_payload_record_matches_the_schema_of_every_type_that_decodes_to_it() {
        for (EventType type : EventType.values()) {
            EventSchemas.Schema schema = EventSchemas.of(type, type.currentSchemaVersion());
            assertThat(mismatches(type.payloadType(), schema.json()))
                    .as("%s against %s", type.payloadType().getName(), schema.relativePath()).isEmpty();
        }
    }

    // A record as it might drift: a component the schema lacks, one it has missing, nullability and types changed.
    record DriftedItem(int schemaVersion, String id, String ownerId, String title, String description, @Nullable String content,
                       String status, @Nullable String imageUrl, List<Integer> tagIds, List<String> fileIds, Instant createdAt,
                       String updatedAt, long version, String color) {
    }

    @Test
    void a_drifted_record_is_caught_naming_each_difference() {
        List<String> found = mismatches(DriftedItem.class, EventSchemas.of(EventType.ITEM_CREATED, 1).json());

        assertThat(String.join("\n", found))
                .contains("color: a component the schema lacks")
                .contains("description: the schema allows null, the component is not @Nullable")
                .contains("status: the schema has an enum")
                .contains("tagIds[]: the schema has type string")
                .contains("updatedAt: the schema has a timestamp");
        assertThat(mismatches(DriftedItem.class, EventSchemas.of(EventType.TAG_CREATED, 1).json()))
                .anySatisfy(line -> assertThat(line).contains("a property the record lacks"));
    }

    static List<String> mismatches(Class<?> record, JsonNode root) {
        List<String> found = new ArrayList<>();
        compareRecord("", record, root, root, found);
        return found;
    }

    private static void compareRecord(String where, Class<?> record, JsonNode schema, JsonNode root, List<String> found) {
        if (!"object".equals(schema.path("type").asString(""))) {
            found.add(label(where) + ": the schema is no object, the component is a record");
            return;
        }
        JsonNode properties = schema.path("properties");
        Set<String> components = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.add(component.getName());
            String at = where + component.getName();
            JsonNode property = properties.get(component.getName());
            if (property == null) {
                found.add(at + ": a component the schema lacks");
                continue;
            }
            compare(at, component.getGenericType(), component.isAnnotationPresent(Nullable.class), property, root, found);
        }
        for (String name : properties.propertyNames()) {
            if (!components.contains(name)) {
                found.add(where + name + ": a property the record lacks");
            }
        }
    }

    private static void compare(String where, Type type, boolean nullableComponent, JsonNode schema, JsonNode root, List<String> found) {
        JsonNode resolved = deref(schema, root);
        boolean nullableSchema = nullable(resolved);
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (raw.isPrimitive() && nullableComponent) {
            found.add(where + ": a primitive cannot be @Nullable");
        }
        if (nullableSchema && !nullableComponent) {
            found.add(where + ": the schema allows null, the component is not @Nullable");
        } else if (!nullableSchema && nullableComponent) {
            found.add(where + ": the component is @Nullable, the schema refuses null");
        }
        JsonNode value = nonNull(resolved, root);
        String schemaType = value.path("type").asString("");
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            expect(where, "integer", schemaType.equals("integer") || value.path("const").isIntegralNumber(), value, found);
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(where, "boolean", schemaType.equals("boolean") || value.path("const").isBoolean(), value, found);
        } else if (raw == Instant.class) {
            expect(where, "a timestamp", schemaType.equals("string") && "date-time".equals(value.path("format").asString(""))
                    && EventSchemasTest.TIMESTAMP_PATTERN.equals(value.path("pattern").asString("")), value, found);
        } else if (raw == String.class) {
            if (value.has("enum") || value.has("format")) {
                found.add(where + ": the schema has " + describe(value) + ", the component is a plain String");
            } else {
                expect(where, "type string", schemaType.equals("string"), value, found);
            }
        } else if (raw.isEnum()) {
            Set<String> codes = new TreeSet<>();
            for (Object constant : raw.getEnumConstants()) {
                codes.add(ContractFiles.JSON.writeValueAsString(constant));
            }
            Set<String> values = new TreeSet<>();
            value.path("enum").forEach(element -> values.add(element.toString()));
            if (!codes.equals(values)) {
                found.add(where + ": the schema's enum is " + values + ", the Java enum writes " + codes);
            }
        } else if (raw == List.class) {
            if (!schemaType.equals("array")) {
                found.add(where + ": the schema has " + value + ", the component is a List");
            } else {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                compare(where + "[]", element, false, value.path("items"), root, found);
            }
        } else if (raw.isRecord()) {
            compareRecord(where + ".", raw, value, root, found);
        } else {
            found.add(where + ": " + raw.getName() + " has no counterpart in JSON Schema here");
        }
    }

    private static void expect(String where, String what, boolean holds, JsonNode schema, List<String> found) {
        if (!holds) {
            found.add(where + ": the schema has " + describe(schema) + ", the component expects " + what);
        }
    }

    private static String describe(JsonNode schema) {
        if (schema.has("enum")) {
            return "an enum " + schema.get("enum");
        }
        if ("date-time".equals(schema.path("format").asString(""))) {
            return "a timestamp";
        }
        if (schema.has("format")) {
            return "format " + schema.get("format");
        }
        return schema.has("type") ? "type " + schema.get("type").asString(schema.get("type").toString()) : schema.toString();
    }

    private static String label(String where) {
        return where.isEmpty() ? "(payload)" : where.substring(0, where.length() - 1);
    }

    private static JsonNode deref(JsonNode schema, JsonNode root) {
        JsonNode current = schema;
        for (int i = 0; i < 16 && current.has("$ref"); i++) {
            current = root.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    private static boolean nullable(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asString())) {
                    return true;
                }
            }
        }
        for (JsonNode branch : schema.path("anyOf")) {
            if ("null".equals(branch.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** The schema a non-null value has to meet: the non-null branch of an anyOf, or the type without "null". */
    private static JsonNode nonNull(JsonNode schema, JsonNode root) {
        if (schema.has("anyOf")) {
            List<JsonNode> others = new ArrayList<>();
            schema.get("anyOf").forEach(branch -> {
                if (!"null".equals(branch.path("type").asString(""))) {
                    others.add(deref(branch, root));
                }
            });
            return others.size() == 1 ? others.get(0) : schema;
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            var copy = (tools.jackson.databind.node.ObjectNode) schema.deepCopy();
            List<String> kept = new ArrayList<>();
            type.forEach(t -> {
                if (!"null".equals(t.asString())) {
                    kept.add(t.asString());
                }
            });
            if (kept.size() == 1) {
                copy.put("type", kept.get(0));
            }
            return copy;
        }
        return schema;
    }
}
