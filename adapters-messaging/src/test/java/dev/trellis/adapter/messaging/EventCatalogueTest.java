package dev.trellis.adapter.messaging;

import dev.trellis.event.contract.EventSchemas;
import dev.trellis.event.contract.EventType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue in EVENTS.md is derived from the schemas (event-contract), never kept by hand: its table of
 * types, schemas, when each is written and its fields is generated here, and the committed file must hold
 * exactly what the schemas say. With {@code -Dcatalogue.write=true} the test rewrites the section instead.
 */
class EventCatalogueTest {

    static final Path EVENTS_MD = Path.of("EVENTS.md");
    static final String START = "<!-- catalogue:start: generated from the schemas by EventCatalogueTest; do not edit by hand -->";
    static final String END = "<!-- catalogue:end -->";
    static final String SCHEMA_FOLDER = "../event-contract/src/main/resources/dev/trellis/event/contract/schemas/";
    /** Every payload has them; the table lists the rest. */
    static final Set<String> COMMON = Set.of("schemaVersion", "id", "version");

    @Test
    void the_catalogue_in_events_md_is_the_one_the_schemas_give() throws IOException {
        String text = Files.readString(EVENTS_MD, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("EVENTS.md has the marker %s", START).isNotNegative();
        assertThat(end).as("EVENTS.md has the marker %s", END).isGreaterThan(start);
        String generated = START + "\n" + catalogue() + END;

        if (Boolean.getBoolean("catalogue.write")) {
            Files.writeString(EVENTS_MD, text.substring(0, start) + generated + text.substring(end + END.length()), StandardCharsets.UTF_8);
            return;
        }
        assertThat(text.substring(start, end + END.length()))
                .as("""
                        EVENTS.md's catalogue differs from the schemas. Change the schemas (event-contract), not the table, and
                        regenerate it: ./mvnw -pl adapters-messaging -am test -Dtest=EventCatalogueTest \
                        -Dsurefire.failIfNoSpecifiedTests=false -Dcatalogue.write=true""")
                .isEqualTo(generated);
    }

    /** One row per event type and payload version: type, its schema, when it is written, its fields. */
    static String catalogue() {
        StringBuilder table = new StringBuilder();
        table.append("| Type | Schema | When | Fields (besides `schemaVersion`, `id`, `version`) |\n");
        table.append("|---|---|---|---|\n");
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            JsonNode json = schema.json();
            List<String> fields = new ArrayList<>();
            json.get("properties").properties().forEach(property -> {
                if (!COMMON.contains(property.getKey())) {
                    fields.add("`" + field(property.getKey(), property.getValue(), json) + "`");
                }
            });
            table.append("| `").append(schema.type().code()).append("` | [v").append(schema.version()).append("](")
                    .append(SCHEMA_FOLDER).append(schema.relativePath()).append(") | ")
                    .append(json.get("description").asString().replace("|", "\\|").replace("*", "\\*")).append(" | ")
                    .append(String.join(", ", fields)).append(" |\n");
        }
        assertThat(EventSchemas.all()).extracting(schema -> schema.type()).contains(EventType.values());
        return table.toString();
    }

    /** {@code name}, {@code name?} (may be null), {@code name: a/b} (enum), {@code name: true} (const), {@code name[]}, {@code name {…}}. */
    static String field(String name, JsonNode schema, JsonNode root) {
        JsonNode resolved = deref(schema, root);
        boolean nullable = false;
        if (resolved.has("anyOf")) {
            for (JsonNode branch : resolved.get("anyOf")) {
                if ("null".equals(branch.path("type").asString(""))) {
                    nullable = true;
                } else {
                    resolved = deref(branch, root);
                }
            }
        }
        JsonNode type = resolved.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                nullable |= "null".equals(t.asString());
            }
        }
        String label = name + (nullable ? "?" : "");
        if (resolved.has("enum")) {
            List<String> values = new ArrayList<>();
            resolved.get("enum").forEach(value -> values.add(value.asString()));
            return label + ": " + String.join("/", values);
        }
        if (resolved.has("const")) {
            return label + ": " + resolved.get("const");
        }
        if ("array".equals(type.asString(""))) {
            return label + "[]";
        }
        if ("object".equals(type.asString(""))) {
            List<String> nested = new ArrayList<>();
            resolved.get("properties").properties().forEach(property -> nested.add(field(property.getKey(), property.getValue(), root)));
            return label + " {" + String.join(", ", nested) + "}";
        }
        return label;
    }

    private static JsonNode deref(JsonNode schema, JsonNode root) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }
}
