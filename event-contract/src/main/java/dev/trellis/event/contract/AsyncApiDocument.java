package dev.trellis.event.contract;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The AsyncAPI 3.0 document of Trellis's events, derived from this contract (so it cannot drift from
 * the schemas): one channel per topic with its Kafka binding, one message per event type with the
 * CloudEvents headers, the key and a reference to the payload's published schema, and one send
 * operation per channel (Trellis, through its relay, is the sender).
 */
public final class AsyncApiDocument {

    public static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AsyncApiDocument() {
    }

    /**
     * @param schemaBase  where the application serves the schemas (its public URL)
     * @param topicPrefix the relay's topic prefix
     * @param partitions  the partitions the relay gives the topics it creates
     */
    public static String render(URI schemaBase, String topicPrefix, int partitions, String applicationVersion) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Trellis events");
        info.put("version", applicationVersion);
        info.put("description", "Every change to a user, item, tag or file, one event per aggregate it changes, written to the "
                + "outbox in the change's transaction and relayed to Kafka at least once, in order per aggregate. Each payload "
                + "carries the aggregate's full state (or, for *.deleted, what the deletion names) and its event version; a "
                + "consumer applies an event only when its version is higher than the one it applied.");
        doc.put("defaultContentType", CloudEventHeaders.CONTENT_TYPE_VALUE);

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        components.putObject("schemas").set("CloudEventHeaders", headers());

        for (AggregateType aggregate : AggregateType.values()) {
            String topic = Topics.topic(topicPrefix, aggregate);
            ObjectNode channel = channels.putObject(aggregate.code());
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put("description", "Events of " + aggregate.code() + "s, keyed by the " + aggregate.code()
                    + "'s id: one aggregate's events are on one partition, in version order.");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
            kafka.put("topic", topic);
            kafka.put("partitions", partitions);
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);

            ObjectNode operation = operations.putObject("publish" + capitalized(aggregate.code()) + "Events");
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + aggregate.code());
            operation.put("summary", "The relay publishes each outbox row of a " + aggregate.code() + " to " + topic + ".");
            ArrayNode operationMessages = operation.putArray("messages");

            for (EventType type : types(aggregate)) {
                for (int version : type.schemaVersions()) {
                    EventSchemas.Schema schema = new EventSchemas.Schema(type, version);
                    String name = type.code() + ".v" + version;
                    ObjectNode message = messages.putObject(name);
                    message.put("name", type.cloudEventType());
                    message.put("title", type.code() + " (payload v" + version + ")");
                    message.put("summary", schema.json().path("description").asString());
                    message.put("contentType", CloudEventHeaders.CONTENT_TYPE_VALUE);
                    message.putObject("headers").put("$ref", "#/components/schemas/CloudEventHeaders");
                    ObjectNode payload = message.putObject("payload");
                    payload.put("schemaFormat", "application/schema+json;version=draft-2020-12");
                    payload.putObject("schema").put("$ref", schema.uri(schemaBase).toString());
                    ObjectNode key = message.putObject("bindings").putObject("kafka");
                    key.putObject("key").put("type", "string").put("description", "the " + aggregate.code() + "'s id");
                    key.put("bindingVersion", KAFKA_BINDING_VERSION);
                    channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
                    operationMessages.addObject().put("$ref", "#/channels/" + aggregate.code() + "/messages/" + name);
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    private static ObjectNode headers() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("description", "CloudEvents 1.0, Kafka protocol binding, binary mode; header values are UTF-8 text");
        ObjectNode properties = schema.putObject("properties");
        property(properties, CloudEventHeaders.SPEC_VERSION, "always " + CloudEventHeaders.SPEC_VERSION_VALUE);
        property(properties, CloudEventHeaders.ID, "the event id (obx_…): unique per event, the same on every re-delivery");
        property(properties, CloudEventHeaders.SOURCE, "the producing deployment, /trellis by default");
        property(properties, CloudEventHeaders.TYPE, EventType.CLOUD_EVENT_TYPE_PREFIX + " followed by the event type");
        property(properties, CloudEventHeaders.TIME, "when the change happened: RFC 3339 in UTC, six fractional digits");
        property(properties, CloudEventHeaders.SUBJECT, "the aggregate id, also the key");
        property(properties, CloudEventHeaders.DATA_SCHEMA, "the URI of the payload's JSON Schema");
        property(properties, CloudEventHeaders.SCHEMA_VERSION, "the payload's schemaVersion");
        property(properties, CloudEventHeaders.TRACE_PARENT, "W3C traceparent of the request that caused the change, when one did");
        property(properties, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        ArrayNode required = schema.putArray("required");
        List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE,
                CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT, CloudEventHeaders.DATA_SCHEMA,
                CloudEventHeaders.SCHEMA_VERSION, CloudEventHeaders.CONTENT_TYPE).forEach(required::add);
        return schema;
    }

    private static void property(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }

    private static List<EventType> types(AggregateType aggregate) {
        return Arrays.stream(EventType.values()).filter(type -> type.aggregate() == aggregate).toList();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
