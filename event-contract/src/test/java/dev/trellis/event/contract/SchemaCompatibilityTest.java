package dev.trellis.event.contract;

import dev.trellis.event.contract.SchemaCompatibility.Change;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compatibility check: every published schema (src/test/resources/published) still says what it said,
 * and each kind of incompatible change planted in a copy is caught and named, while annotations may change.
 */
class SchemaCompatibilityTest {

    @Test
    void no_published_schema_changed_incompatibly_without_a_new_version() {
        Map<String, List<Change>> report = SchemaCompatibility.check(ContractFiles.publishedSchemas());

        assertThat(report).as("""
                A published schema changed incompatibly. Restore it and put the new shape in a new version
                (schemas/<type>/v<n+1>.json, listed in EventType.schemaVersions()); see published/README.md.""").isEmpty();
    }

    @Test
    void every_schema_of_the_contract_is_published() {
        assertThat(ContractFiles.publishedSchemas().keySet())
                .as("copy each new schema to event-contract/src/test/resources/published/<type>/v<n>.json when it is released")
                .containsExactlyInAnyOrderElementsOf(EventSchemas.all().stream().map(EventSchemas.Schema::relativePath).toList());
    }

    @Test
    void each_planted_incompatible_change_is_caught_and_named() {
        caught("item.created", s -> properties(s).putObject("color").put("type", "string"), "color: property added");
        caught("item.created", s -> properties(s).remove("imageUrl"), "imageUrl: property removed");
        caught("item.created", s -> properties(s).putObject("title").put("type", "integer"),
                "title: type changed from \"string\" to \"integer\"");
        caught("item.created", s -> properties(s).putObject("description").put("type", "string"), "description: no longer nullable");
        caught("item.created", s -> properties(s).putObject("title").putArray("type").add("string").add("null"), "title: now nullable");
        caught("tag.created", s -> properties(s).set("createdBy", ContractFiles.JSON.readTree("{\"$ref\": \"#/$defs/userId\"}")),
                "createdBy: no longer nullable");
        caught("item.created", s -> removeFrom((ArrayNode) s.get("required"), "content"), "'content' no longer required");
        caught("item.created", s -> ((ArrayNode) properties(s).get("status").get("enum")).add("deleted"), "status: enum changed");
        caught("item.created", s -> ((ObjectNode) s.get("$defs").get("itemId")).put("pattern", "^itm_[A-Za-z0-9]{12}$"),
                "id: pattern changed");
        caught("item.created", s -> ((ObjectNode) s.get("$defs").get("timestamp")).put("pattern", "^.*Z$"), "createdAt: pattern changed");
        caught("item.created", s -> ((ObjectNode) properties(s).get("schemaVersion")).put("const", 2), "schemaVersion: const changed");
        caught("item.created", s -> ((ObjectNode) properties(s).get("title")).put("minLength", 2), "title: minLength changed");
        caught("item.created", s -> s.put("additionalProperties", true), "(payload): additionalProperties changed");
        caught("item.created", s -> ((ObjectNode) properties(s).get("tagIds")).putObject("items").put("type", "integer"),
                "tagIds[]: type changed");
        caught("item.created", s -> ((ObjectNode) properties(s).get("fileIds")).remove("uniqueItems"), "fileIds: 'uniqueItems' removed");
        caught("user.created", s -> ((ObjectNode) properties(s).get("profile").get("properties")).putObject("pronouns")
                .put("type", "string"), "profile.pronouns: property added");
        caught("user.created", s -> removeFrom((ArrayNode) properties(s).get("settings").get("required"), "language"),
                "settings: 'language' no longer required");
        caught("file.created", s -> ((ObjectNode) s.get("$defs").get("timestamp")).put("format", "date"), "createdAt: format changed");
    }

    @Test
    void annotations_may_change_and_equivalent_spellings_are_no_change() {
        JsonNode published = schema("item.created");

        ObjectNode annotated = (ObjectNode) published.deepCopy();
        annotated.put("title", "another title").put("description", "said differently");
        ((ObjectNode) properties(annotated).get("tagIds")).put("description", "the tags").put("$comment", "sorted by id");
        ((ObjectNode) annotated.get("$defs").get("timestamp")).putArray("examples").add("2026-11-30T09:12:44.123456Z");
        assertThat(SchemaCompatibility.incompatibleChanges(published, annotated)).isEmpty();

        ObjectNode respelled = (ObjectNode) published.deepCopy();
        properties(respelled).set("imageUrl", ContractFiles.JSON.readTree("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]}"));
        properties(respelled).set("id", respelled.get("$defs").get("itemId").deepCopy());
        ((ObjectNode) respelled.get("$defs")).remove("itemId");
        ArrayNode reordered = (ArrayNode) properties(respelled).get("status").get("enum");
        reordered.removeAll().add("archived").add("draft").add("published");
        assertThat(SchemaCompatibility.incompatibleChanges(published, respelled)).isEmpty();
    }

    @Test
    void a_schema_the_contract_no_longer_has_is_reported() {
        Map<String, List<Change>> report = SchemaCompatibility.check(Map.of("item.moved/v1.json", schema("item.created")));

        assertThat(report).containsOnlyKeys("item.moved/v1.json");
        assertThat(report.get("item.moved/v1.json").get(0).change()).contains("no longer has it");
    }

    private static void caught(String type, Consumer<ObjectNode> plant, String expected) {
        JsonNode published = schema(type);
        ObjectNode changed = (ObjectNode) published.deepCopy();
        plant.accept(changed);

        List<Change> changes = SchemaCompatibility.incompatibleChanges(published, changed);

        assertThat(changes).as("planted in %s: %s", type, expected).isNotEmpty();
        assertThat(changes.stream().map(Change::toString).toList())
                .as("planted in %s", type).anySatisfy(change -> assertThat(change).contains(expected));
    }

    private static JsonNode schema(String type) {
        return ContractFiles.publishedSchemas().get(type + "/v1.json");
    }

    private static ObjectNode properties(JsonNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static void removeFrom(ArrayNode array, String text) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asString().equals(text)) {
                array.remove(i);
                return;
            }
        }
    }
}
