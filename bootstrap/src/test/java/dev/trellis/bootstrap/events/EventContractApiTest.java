package dev.trellis.bootstrap.events;

import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import dev.trellis.event.contract.EventSchemas;
import dev.trellis.event.contract.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event contract served without a session: the list of schemas, each schema at the URI records name in
 * ce_dataschema (here below BETTER_AUTH_URL, the public URL when TRELLIS_EVENTS_PUBLIC_URL is unset), 404s as
 * problems, the AsyncAPI document, and their place in the OpenAPI description.
 */
@AuthTestSupport
class EventContractApiTest {

    static final String PUBLIC_URL = "http://localhost:3000";

    @LocalServerPort
    int port;

    @Test
    void lists_every_schema_with_the_uri_it_is_served_at() throws Exception {
        var response = new Browser(port, null).get("/events/schemas");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode entry : response.json()) {
            types.add(entry.get("type").asString());
            assertThat(entry.get("uri").asString()).isEqualTo(PUBLIC_URL + "/events/schemas/" + entry.get("type").asString()
                    + "/v" + entry.get("version").asInt() + ".json");
        }
        assertThat(types).containsExactlyInAnyOrder(java.util.Arrays.stream(EventType.values()).map(EventType::code).toArray(String[]::new));
    }

    @Test
    void serves_each_schema_with_its_uri_as_id() throws Exception {
        Browser anonymous = new Browser(port, null);
        for (EventSchemas.Schema schema : EventSchemas.all()) {
            var response = anonymous.get("/events/schemas/" + schema.relativePath());

            assertThat(response.status()).as(schema.relativePath()).isEqualTo(200);
            assertThat(response.header("content-type")).startsWith("application/schema+json");
            JsonNode served = response.json();
            assertThat(served.get("$id").asString()).isEqualTo(PUBLIC_URL + "/events/schemas/" + schema.relativePath());
            assertThat(served.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(served.get("properties")).isEqualTo(schema.json().get("properties"));
        }
    }

    @Test
    void an_unknown_type_or_version_is_a_404_problem() throws Exception {
        Browser anonymous = new Browser(port, null);
        for (String path : new String[]{"/events/schemas/item.moved/v1.json", "/events/schemas/item.created/v2.json",
                "/events/schemas/item.created/vx.json"}) {
            var response = anonymous.get(path);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("content-type")).as(path).startsWith("application/problem+json");
        }
        assertThat(anonymous.get("/events/schemas/item.moved/v1.json").json().get("code").asString())
                .isEqualTo("event.schema.not_found");
    }

    @Test
    void serves_the_asyncapi_document_with_the_relays_topics() throws Exception {
        var response = new Browser(port, null).get("/events/asyncapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        JsonNode doc = response.json();
        assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(doc.get("channels").get("item").get("address").asString()).isEqualTo("trellis.item");
        assertThat(doc.get("channels").get("item").get("bindings").get("kafka").get("partitions").asInt()).isEqualTo(3);
        assertThat(doc.get("components").get("messages").get("item.created.v1").get("payload").get("schema").get("$ref").asString())
                .isEqualTo(PUBLIC_URL + "/events/schemas/item.created/v1.json");
    }

    @Test
    void the_openapi_description_lists_the_event_contract_as_public() throws Exception {
        JsonNode paths = new Browser(port, null).get("/v3/api-docs").json().get("paths");

        for (String path : new String[]{"/events/schemas", "/events/schemas/{type}/v{version}.json", "/events/asyncapi.json"}) {
            assertThat(paths.has(path)).as(path).isTrue();
            assertThat(paths.get(path).get("get").get("security")).as(path).isEmpty();
        }
    }
}
