package dev.trellis.adapter.web.events;

import dev.trellis.domain.shared.NotFound;
import dev.trellis.event.contract.AsyncApiDocument;
import dev.trellis.event.contract.EventSchemas;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event contract, served without a session: the JSON Schema of each event type and payload version
 * at the URI every Kafka record names in {@code ce_dataschema}, the list of them, and the AsyncAPI 3.0
 * document of the topics. Rendered once: the contract is part of the build.
 */
@RestController
public class EventContractController {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    /** One entry of {@code GET /events/schemas}. */
    public record SchemaEntry(String type, int version, String uri) {
    }

    private final List<SchemaEntry> entries;
    private final Map<String, String> rendered = new LinkedHashMap<>();
    private final String asyncApi;

    public EventContractController(EventContractSettings settings) {
        this.entries = EventSchemas.all().stream()
                .map(schema -> new SchemaEntry(schema.type().code(), schema.version(), schema.uri(settings.publicUrl()).toString()))
                .toList();
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            rendered.put(schema.relativePath(), schema.render(settings.publicUrl()));
        }
        this.asyncApi = AsyncApiDocument.render(settings.publicUrl(), settings.topicPrefix(), settings.partitions(),
                settings.version());
    }

    /** Every schema: event type, payload version, and the URI it is served at. */
    @GetMapping(EventSchemas.PATH)
    List<SchemaEntry> schemas() {
        return entries;
    }

    /** One schema ({@code application/schema+json}), its {@code $id} the URI it is served at; else 404. */
    @GetMapping(EventSchemas.PATH + "/{type}/v{version}.json")
    ResponseEntity<String> schema(@PathVariable String type, @PathVariable String version) {
        String schema = rendered.get(type + "/v" + version + ".json");
        if (schema == null) {
            throw new NotFound("event.schema", type + " v" + version);
        }
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(schema);
    }

    /** The AsyncAPI 3.0 document: the four topics, their keys, headers, messages and Kafka bindings. */
    @GetMapping(EventSchemas.ASYNCAPI_PATH)
    ResponseEntity<String> asyncApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(asyncApi);
    }
}
