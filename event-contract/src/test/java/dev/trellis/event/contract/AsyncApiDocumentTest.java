package dev.trellis.event.contract;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI 3.0 document: every event type, the four channels with their Kafka bindings, and no dangling reference. */
class AsyncApiDocumentTest {

    static final URI BASE = URI.create("https://trellis.example.com");
    final JsonNode doc = ContractFiles.JSON.readTree(AsyncApiDocument.render(BASE, "acme", 6, "1"));

    @Test
    void has_the_four_channels_with_their_topic_kafka_bindings_and_a_send_operation_each() {
        assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(doc.get("channels").propertyNames()).containsExactlyInAnyOrder("user", "item", "tag", "file");
        for (AggregateType aggregate : AggregateType.values()) {
            JsonNode channel = doc.get("channels").get(aggregate.code());
            assertThat(channel.get("address").asString()).isEqualTo("acme." + aggregate.code());
            JsonNode kafka = channel.get("bindings").get("kafka");
            assertThat(kafka.get("topic").asString()).isEqualTo("acme." + aggregate.code());
            assertThat(kafka.get("partitions").asInt()).isEqualTo(6);
            assertThat(kafka.get("bindingVersion").asString()).isEqualTo(AsyncApiDocument.KAFKA_BINDING_VERSION);
        }
        assertThat(doc.get("operations").size()).isEqualTo(4);
        doc.get("operations").forEach(operation -> assertThat(operation.get("action").asString()).isEqualTo("send"));
    }

    @Test
    void covers_every_event_type_and_payload_version_with_key_headers_and_its_schema() {
        JsonNode messages = doc.get("components").get("messages");
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            String name = schema.type().code() + ".v" + schema.version();
            JsonNode message = messages.get(name);
            assertThat(message).as(name).isNotNull();
            assertThat(message.get("name").asString()).isEqualTo(schema.type().cloudEventType());
            assertThat(message.get("payload").get("schema").get("$ref").asString()).isEqualTo(schema.uri(BASE).toString());
            assertThat(message.get("bindings").get("kafka").get("key").get("type").asString()).isEqualTo("string");
            assertThat(doc.get("channels").get(schema.type().aggregate().code()).get("messages").has(name)).as(name).isTrue();
        }
        assertThat(messages.size()).isEqualTo(EventSchemas.all().size());
        JsonNode headers = doc.get("components").get("schemas").get("CloudEventHeaders");
        assertThat(headers.get("properties").propertyNames()).contains(CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.TIME,
                CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SCHEMA_VERSION);
    }

    @Test
    void every_reference_resolves_inside_the_document_or_to_a_schema_of_the_contract() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        Set<String> schemaUris = new TreeSet<>(EventSchemas.all().stream().map(schema -> schema.uri(BASE).toString()).toList());

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(schemaUris).as(ref).contains(ref);
            }
        }
        assertThat(refs).containsAll(schemaUris);
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
